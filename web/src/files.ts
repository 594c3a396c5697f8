// Files people choose in the browser, as the API takes them: zips and other bytes as base64.

// `bytes` in base64, built in chunks: String.fromCharCode takes its arguments on the stack,
// which a whole export would overflow.
export function base64OfBytes(bytes: Uint8Array): string {
  let binary = "";
  for (let index = 0; index < bytes.length; index += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  }
  return btoa(binary);
}

export async function readBase64(file: File): Promise<string> {
  return base64OfBytes(new Uint8Array(await file.arrayBuffer()));
}
