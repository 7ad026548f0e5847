/** Reads a variable the global setup must have set; fails loudly if the setup did not run. */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") {
    throw new Error(`${name} is not set; is test/integration/global-setup.ts configured as globalSetup?`);
  }
  return value;
}
