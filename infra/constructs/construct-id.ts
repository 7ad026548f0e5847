/** "upload-check" → "UploadCheck": the construct id a function name gives its function, routes and alarms. */
export function pascal(name: string): string {
  return name
    .split(/[^a-zA-Z0-9]/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}
