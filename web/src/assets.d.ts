/** A font file imported by a page: web/build.ts copies it into the assets and gives its URL. */
declare module "*.ttf" {
  const url: string;
  export default url;
}
