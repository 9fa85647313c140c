// One HTTP(S) POST made by hand, not by an official client, for the tests of what the emulator
// refuses: its status and its JSON body.
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

/** POSTs to `url` with `headers` (an empty body); resolves to the status and the parsed JSON reply. */
export function postForJson(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const send = url.startsWith("https:") ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: "POST", headers }, (res) => {
      let text = "";
      res.on("data", (c: Buffer) => (text += c.toString()));
      res.on("end", () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> });
        } catch (err) {
          reject(err);
        }
      });
    });
    req.on("error", reject);
    req.end();
  });
}
