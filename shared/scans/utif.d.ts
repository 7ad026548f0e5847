/** The part of UTIF.js (no published types) that reading scanned TIFF pages uses. */
declare module "utif" {
  export interface IFD {
    width: number;
    height: number;
    [tag: string]: unknown;
  }
  export function decode(buffer: ArrayBuffer | Uint8Array): IFD[];
  export function decodeImage(buffer: ArrayBuffer | Uint8Array, ifd: IFD): void;
  export function toRGBA8(ifd: IFD): Uint8Array;
  /** An uncompressed one-page TIFF (the tests' scan corpus writes them). */
  export function encodeImage(rgba: Uint8Array, width: number, height: number): ArrayBuffer;
  const UTIF: {
    decode: typeof decode;
    decodeImage: typeof decodeImage;
    toRGBA8: typeof toRGBA8;
    encodeImage: typeof encodeImage;
  };
  export default UTIF;
}
