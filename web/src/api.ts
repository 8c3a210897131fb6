// The JSON API of `vv serve` on the same origin. Every error has one shape,
// {"error": {"code", "message", "path", "fields"?}}; ApiError carries it to the page that shows
// it. `fields` lists every field at fault when there are several (impossible input).
export interface FieldProblem { path: string; message: string }

export class ApiError extends Error {
  public fields: FieldProblem[];
  constructor(
    public status: number,
    public code: string,
    message: string,
    public path: string,
    fields?: FieldProblem[],
  ) {
    super(message);
    this.fields = fields?.length ? fields : path ? [{ path, message }] : [];
  }
}

// An unusual input the server answered anyway (falling views, likes above views, ...).
export interface Warning { code: string; message: string; path: string }

interface ErrorBody {
  error?: { code?: string; message?: string; path?: string; fields?: FieldProblem[] };
}

// `answers`: statuses besides 2xx whose body is the answer (GET /readyz's 503 while not ready).
async function request<T>(method: string, url: string, body?: unknown, answers: number[] = []): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? { Accept: 'application/json' } : { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    // The browser's own words ("TypeError: Failed to fetch") help nobody: say what happened.
    throw new ApiError(0, 'network', 'The server cannot be reached. It may be stopped or restarting, or the network is down.', '');
  }
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    if (!res.ok) throw new ApiError(res.status, 'http_' + res.status, `The server answered HTTP ${res.status} ${res.statusText}.`.replace(' .', '.'), '');
    throw new ApiError(res.status, 'bad_response', 'the server answered with something that is not JSON', url);
  }
  if (!res.ok && !answers.includes(res.status)) {
    const e = (parsed as ErrorBody | null)?.error;
    throw new ApiError(res.status, e?.code ?? 'http_' + res.status, e?.message ?? res.statusText, e?.path ?? '', e?.fields);
  }
  return parsed as T;
}

export const get = <T>(url: string, answers: number[] = []) => request<T>('GET', url, undefined, answers);
export const post = <T>(url: string, body: unknown) => request<T>('POST', url, body);

export function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? '?' + s : '';
}
