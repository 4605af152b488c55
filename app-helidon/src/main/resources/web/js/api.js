// The registry's REST API, as a browser client. The token lives in sessionStorage only: never
// in a URL (so never in history, logs or referrers) and gone when the tab closes.

const TOKEN_KEY = 'registry.token';
const USER_KEY = 'registry.user';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  user: () => JSON.parse(sessionStorage.getItem(USER_KEY) || 'null'),
  signedIn: () => Boolean(sessionStorage.getItem(TOKEN_KEY)),
  save(token, user) {
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.setItem(USER_KEY, JSON.stringify(user));
  },
  clear() {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(USER_KEY);
  },
};

/** Calls the API; resolves to {status, headers, body} or rejects with an ApiError carrying the server's message. */
export async function call(method, path, body, { raw = false } = {}) {
  const headers = {};
  const token = session.token();
  if (token) headers['X-Authorization'] = token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, 'The registry cannot be reached. Check your connection and try again.');
  }
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const json = await response.json();
      if (json && json.message) message = json.message;
    } catch {
      // not JSON: keep the status line
    }
    if (response.status === 403 && token) {
      message += ' (your session may have ended: sign in again)';
    }
    throw new ApiError(response.status, message);
  }
  if (raw) return response;
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

export const api = {
  async signIn(name, password) {
    session.clear();
    const result = await call('PUT', '/authenticate', {
      user: { name, is_admin: false },
      secret: { password },
    });
    session.save(result.body, { name, isAdmin: false });
    // administrators may list users; anyone else is refused, which is how the UI tells them apart
    try {
      await call('GET', '/users');
      session.save(result.body, { name, isAdmin: true });
    } catch {
      // not an administrator
    }
    return result.body;
  },
  signOut() { session.clear(); },
  list(query, offset) {
    const suffix = offset ? `?offset=${encodeURIComponent(offset)}` : '';
    return call('POST', `/artifacts${suffix}`, [query]);
  },
  byName: name => call('GET', `/artifact/byName/${encodeURIComponent(name)}`),
  byRegex: regex => call('POST', '/artifact/byRegEx', { regex }),
  get: (type, id) => call('GET', `/artifacts/${type}/${encodeURIComponent(id)}`),
  update: (type, id, envelope) => call('PUT', `/artifacts/${type}/${encodeURIComponent(id)}`, envelope),
  remove: (type, id) => call('DELETE', `/artifacts/${type}/${encodeURIComponent(id)}`),
  register: (type, url) => call('POST', `/artifact/${type}`, { url }),
  rate: id => call('GET', `/artifact/model/${encodeURIComponent(id)}/rate`),
  cost: (type, id, withDependencies) =>
    call('GET', `/artifact/${type}/${encodeURIComponent(id)}/cost?dependency=${withDependencies}`),
  lineage: id => call('GET', `/artifact/model/${encodeURIComponent(id)}/lineage`),
  licenseCheck: (id, githubUrl) =>
    call('POST', `/artifact/model/${encodeURIComponent(id)}/license-check`, { github_url: githubUrl }),
  audit: (type, id) => call('GET', `/artifact/${type}/${encodeURIComponent(id)}/audit`),
  readme: (type, id) =>
    call('GET', `/artifacts/${type}/${encodeURIComponent(id)}/download?file=README.md`, undefined, { raw: true }),
  download: (type, id, aspect) =>
    call('GET', `/artifacts/${type}/${encodeURIComponent(id)}/download?aspect=${aspect}`, undefined, { raw: true }),
  sensitivity: id => call('GET', `/artifacts/model/${encodeURIComponent(id)}/sensitivity`),
  markSensitive: (id, sensitive) =>
    call('PUT', `/artifacts/model/${encodeURIComponent(id)}/sensitivity`, { sensitive }),
  monitor: id => call('GET', `/artifacts/model/${encodeURIComponent(id)}/monitor`),
  putMonitor: (id, source) => call('PUT', `/artifacts/model/${encodeURIComponent(id)}/monitor`, { source }),
  removeMonitor: id => call('DELETE', `/artifacts/model/${encodeURIComponent(id)}/monitor`),
  downloadHistory: id => call('GET', `/artifacts/model/${encodeURIComponent(id)}/downloads`),
  users: () => call('GET', '/users'),
  addUser: (name, password, isAdmin, permissions) =>
    call('POST', '/users', { user: { name, is_admin: isAdmin }, secret: { password }, permissions }),
  removeUser: name => call('DELETE', `/users/${encodeURIComponent(name)}`),
  reset: () => call('DELETE', '/reset'),
  health: () => call('GET', '/health?detailed=true'),
  components: () => call('GET', '/health/components?windowMinutes=60'),
  logs: limit => call('GET', `/health/logs?limit=${limit}`),
};
