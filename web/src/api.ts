// The one way the UI talks to the server: same-origin fetch with the session cookie, the CSRF
// token on every write, If-Match on changes, and RFC 9457 problems turned into ApiError.
import { asSentence } from "./text";

export interface FieldError {
  field: string;
  detail: string;
}

// A failed request, worded for people: the server writes its details in lower case without a
// full stop (so that they can be embedded in logs and other messages); every detail, and every
// field's error, is turned into a sentence here, once, for wherever the UI shows it.
export class ApiError extends Error {
  readonly detail: string;
  readonly errors: FieldError[];
  // The errors as the server wrote them, for messages that start with a name whose case matters
  // (a file's: "bad.md:3: …").
  readonly written: FieldError[];

  constructor(
    readonly status: number,
    detail: string,
    readonly field: string | undefined,
    errors: FieldError[],
  ) {
    super(asSentence(String(detail ?? "")));
    this.detail = this.message;
    this.written = errors.map((error) => ({ field: error.field, detail: String(error.detail ?? "") }));
    this.errors = this.written.map((error) => ({ field: error.field, detail: asSentence(error.detail) }));
  }

  // The message for one form field, if the server named it.
  forField(field: string): string | undefined {
    return this.errors.find((error) => error.field === field)?.detail;
  }
}

let csrfToken = "";

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token ?? "";
}

interface RequestOptions {
  body?: unknown;
  version?: number;
  // If-None-Match: * — create only, never replace.
  createOnly?: boolean;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: { [name: string]: string } = { Accept: "application/json" };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  if (options.version !== undefined) headers["If-Match"] = `"${options.version}"`;
  if (options.createOnly) headers["If-None-Match"] = "*";
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: "same-origin",
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, "The server cannot be reached. Check your connection and try again.", undefined, []);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    throw new ApiError(
      response.status,
      data?.detail ?? `The server answered ${response.status}.`,
      data?.field,
      data?.errors ?? [],
    );
  }
  return data as T;
}

export const api = {
  get: <T>(path: string) => request<T>("GET", path),
  // `version` goes into If-Match for actions on an existing record (publishing a review).
  post: <T>(path: string, body: unknown, version?: number) => request<T>("POST", path, { body, version }),
  // `version` goes into If-Match.
  patch: <T>(path: string, body: unknown, version?: number) =>
    request<T>("PATCH", path, { body, version }),
  remove: <T>(path: string, version?: number) => request<T>("DELETE", path, { version }),
  // Replaces what is at `version`, or creates it when there is no version yet.
  put: <T>(path: string, body: unknown, version: number | undefined) =>
    request<T>("PUT", path, { body, version, createOnly: version === undefined }),
};
