/** A POSIX shell word: CDK runs bundling command hooks through the shell. */
export const shellWord = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;
