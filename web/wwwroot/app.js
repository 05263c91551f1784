// Session grid page: plain DOM and fetch, no build step. Every value from the server is rendered with
// textContent. Any 401 brings back the sign-in form; a 5xx is never shown as success.
"use strict";

const $ = (id) => document.getElementById(id);

class SignedOut extends Error {}

async function api(method, path, body, whenSignedOut = "Your session has ended. Sign in again.") {
  let response;
  try {
    response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { status: 0, body: null };
  }

  if (response.status === 401 && path !== "/auth/login") {
    showSignIn(whenSignedOut);
    throw new SignedOut();
  }

  const text = await response.text();
  let parsed = null;
  try { parsed = text ? JSON.parse(text) : null; } catch { parsed = null; }
  return { status: response.status, body: parsed, retryAfter: response.headers.get("Retry-After") };
}

function say(message, isError = false) {
  $("status").textContent = message;
  $("status").classList.toggle("error", isError);
}

function problem(result, fallback) {
  if (result.status === 0) return "The server could not be reached. Nothing was changed; try again.";
  if (result.status >= 500) return fallback + " The server could not confirm it, so assume it did not happen; try again.";
  return (result.body && (result.body.detail || result.body.title)) || fallback;
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString() : "never";
}

function render(templateId) {
  $("view").replaceChildren($(templateId).content.cloneNode(true));
}

function showSignIn(message) {
  stopWatching();
  $("whoami").hidden = true;
  render("signin-template");
  $("signin-form").addEventListener("submit", guard(signIn));
  $("register").addEventListener("click", guard(register));
  say(message || "");
  $("username").focus();
  showProviders();
}

// Identity providers, loaded once: the sign-in links, and the names the sessions list shows.
let providers = null;

async function loadProviders() {
  if (providers === null) {
    const result = await api("GET", "/auth/federation/providers");
    if (result.status !== 200) return [];
    providers = result.body;
  }
  return providers;
}

async function showProviders() {
  const list = await loadProviders();
  const box = $("federation");
  if (!box) return;
  box.replaceChildren();
  for (const p of list) {
    const link = document.createElement("a");
    link.className = "button";
    link.href = `${p.loginUrl}?returnUrl=${encodeURIComponent("/")}`;
    link.textContent = `Sign in with ${p.displayName}`;
    box.append(link);
  }
  box.hidden = list.length === 0;
}

function providerName(name) {
  const known = (providers || []).find((p) => p.name === name);
  return known ? known.displayName : name;
}

// The callback sends the browser back here with ?signin-error=… when a provider sign-in did not finish.
const signInErrors = {
  denied: "The sign-in was cancelled at the identity provider. Nothing was signed in.",
  disabled: "This account is disabled. Nothing was signed in.",
  failed: "The sign-in through the identity provider did not complete. Nothing was signed in; try again.",
};

function signInErrorFromUrl() {
  const params = new URLSearchParams(location.search);
  const reason = params.get("signin-error");
  if (reason === null) return "";
  history.replaceState(null, "", location.pathname);
  return signInErrors[reason] || signInErrors.failed;
}

async function showAccount(whenSignedOut = "") {
  const me = await api("GET", "/auth/me", undefined, whenSignedOut);
  if (me.status !== 200) {
    showSignIn(me.status === 0 || me.status >= 500 ? problem(me, "Could not load your account.") : "");
    return;
  }

  $("whoami").textContent = `Signed in as ${me.body.username}`;
  $("whoami").hidden = false;
  render("account-template");
  $("sign-out-everywhere").addEventListener("click", guard(signOutEverywhere));
  $("token-form").addEventListener("submit", guard(createToken));
  $("password-form").addEventListener("submit", guard(changePassword));
  watchSignOut();
  await Promise.all([loadSessions(), loadTokens()]);
}

// Live sign-out: while the account is shown, GET /auth/events tells this page the moment its session ends — signed
// out everywhere from another device, ended by an operator, expired — and the sign-in form comes back without a click.
let events = null;
let rewatch = null;
const signedOutMessage = "You were signed out.";

function watchSignOut() {
  stopWatching();
  const source = new EventSource("/auth/events");
  events = source;
  // data-live-sign-out says whether this page would hear of its sign-out now (for styles, and for the tests).
  source.addEventListener("open", () => { if (events === source) document.documentElement.dataset.liveSignOut = "on"; });
  source.addEventListener("signed-out", () => { if (events === source) showSignIn(signedOutMessage); });
  source.addEventListener("error", () => {
    // A dropped connection is retried by EventSource itself (CONNECTING). A refused stream (401, 429, 503) is CLOSED
    // for good: ask whether this session still lives, and watch again later if it does.
    if (events !== source) return;
    document.documentElement.dataset.liveSignOut = "off";
    if (source.readyState !== EventSource.CLOSED) return;
    events = null;
    guard(checkStillSignedIn)();
  });
}

function stopWatching() {
  if (events) { events.close(); events = null; }
  document.documentElement.dataset.liveSignOut = "off";
  clearTimeout(rewatch);
  rewatch = null;
}

async function checkStillSignedIn() {
  const me = await api("GET", "/auth/me", undefined, signedOutMessage);
  // Signed in (the stream was refused for being one too many, or the grid was busy) or unreachable: try again later.
  rewatch = setTimeout(watchSignOut, me.status === 200 ? 30000 : 10000);
}

// "Chrome on Linux" rather than a whole User-Agent string; the full string is kept as the cell's title.
function describeAgent(agent) {
  if (!agent) return "Unknown device";
  const browser = [[/Edg\//, "Edge"], [/Firefox\//, "Firefox"], [/Chrom(e|ium)\//, "Chrome"], [/Safari\//, "Safari"], [/^curl\//, "curl"]]
    .find(([pattern]) => pattern.test(agent));
  const system = [[/Windows/, "Windows"], [/Android/, "Android"], [/iPhone|iPad/, "iOS"], [/Mac OS X/, "macOS"], [/Linux/, "Linux"]]
    .find(([pattern]) => pattern.test(agent));
  if (!browser) return agent.slice(0, 60);
  return system ? `${browser[1]} on ${system[1]}` : browser[1];
}

// The wire names of API-token scopes (ApiTokenScopeNames), in words.
const scopeWords = { authenticate: "prove who it is", sessions: "manage your sessions" };

function describeScopes(scopes) {
  return (scopes || []).map((scope) => scopeWords[scope] || scope).join(", ");
}

function cell(row, text) {
  const td = document.createElement("td");
  td.textContent = text;
  row.append(td);
  return td;
}

function button(label, onClick, className) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = label;
  if (className) b.className = className;
  b.addEventListener("click", onClick);
  return b;
}

async function loadSessions() {
  const [result] = await Promise.all([api("GET", "/auth/sessions"), loadProviders()]);
  if (result.status !== 200) { say(problem(result, "Could not load your sessions."), true); return; }
  const body = $("sessions");
  body.replaceChildren();
  for (const s of result.body) {
    const row = document.createElement("tr");
    row.dataset.sessionId = s.id;
    cell(row, (s.kind === "app" ? "App" : "Browser") + (s.provider ? ` via ${providerName(s.provider)}` : ""));
    const device = cell(row, s.device || describeAgent(s.userAgent));
    if (s.userAgent) device.title = s.userAgent;
    if (s.current) {
      const badge = document.createElement("span");
      badge.className = "badge";
      badge.textContent = "This device";
      device.append(badge);
    }
    cell(row, s.ipAddress || "unknown");
    cell(row, when(s.lastSeenAt));
    cell(row, "").append(button("Sign out", () => (s.current ? signOutHere() : endSession(s.id))));
    body.append(row);
  }
}

async function loadTokens() {
  const result = await api("GET", "/auth/tokens");
  if (result.status !== 200) { say(problem(result, "Could not load your API tokens."), true); return; }
  const body = $("tokens");
  body.replaceChildren();
  for (const t of result.body) {
    const row = document.createElement("tr");
    row.dataset.tokenId = t.id;
    cell(row, t.name);
    cell(row, describeScopes(t.scopes));
    cell(row, when(t.createdAt));
    cell(row, when(t.expiresAt));
    cell(row, when(t.lastUsedAt));
    cell(row, "").append(button("Revoke", () => revokeToken(t.id, t.name)));
    body.append(row);
  }
}

async function signIn(event) {
  event.preventDefault();
  const result = await api("POST", "/auth/login", { username: $("username").value, password: $("password").value });
  if (result.status === 200) { say(""); $("password").value = ""; await showAccount(); return; }
  if (result.status === 429) { say(`Too many attempts. Try again in ${result.retryAfter} seconds.`, true); return; }
  say(problem(result, "The username or password is incorrect."), true);
}

async function register() {
  const credentials = { username: $("username").value, password: $("password").value };
  const result = await api("POST", "/auth/register", credentials);
  if (result.status !== 201) { say(problem(result, "Could not create the account."), true); return; }
  await signIn(new Event("submit"));
}

async function endSession(id) {
  const result = await api("DELETE", `/auth/sessions/${encodeURIComponent(id)}`);
  if (result.status !== 204) { say(problem(result, "That session was not signed out."), true); return; }
  say("That session is signed out.");
  await loadSessions();
}

async function signOutHere() {
  stopWatching();   // this page's own sign-out says so itself
  const result = await api("POST", "/auth/logout");
  if (result.status !== 204) { watchSignOut(); say(problem(result, "You were not signed out."), true); return; }
  showSignIn("You are signed out on this device.");
}

async function signOutEverywhere() {
  const keepCurrent = $("keep-current").checked;
  if (!keepCurrent) stopWatching();   // this page's own sign-out says so itself
  const result = await api("POST", "/auth/logout-everywhere", { keepCurrent });
  if (result.status !== 200) {
    if (!keepCurrent) watchSignOut();
    say(problem(result, "Sign-out everywhere was not confirmed; your other sessions may still be signed in."), true);
    return;
  }

  const { revokedSessions, revokedTokens } = result.body;
  const done = `Signed out everywhere: ${revokedSessions} session(s) and ${revokedTokens} API token(s) revoked.`;
  if (keepCurrent) { say(done); await Promise.all([loadSessions(), loadTokens()]); return; }
  showSignIn(done);
}

async function createToken(event) {
  event.preventDefault();
  const scopes = $("token-scope-sessions").checked ? ["sessions"] : [];
  const body = { name: $("token-name").value, expiresInDays: Number($("token-days").value), scopes };
  const result = await api("POST", "/auth/tokens", body);
  if (result.status !== 201) { say(problem(result, "The API token was not created."), true); return; }
  $("new-token-value").textContent = result.body.token;
  $("new-token").hidden = false;
  $("token-name").value = "";
  $("token-scope-sessions").checked = false;
  say(`API token created. It may ${describeScopes(result.body.scopes)}.`);
  await loadTokens();
}

async function revokeToken(id, name) {
  const result = await api("DELETE", `/auth/tokens/${encodeURIComponent(id)}`);
  if (result.status !== 204) { say(problem(result, "The API token was not revoked."), true); return; }
  say(`API token "${name}" revoked.`);
  await loadTokens();
}

async function changePassword(event) {
  event.preventDefault();
  const result = await api("POST", "/auth/password", { currentPassword: $("current-password").value, newPassword: $("new-password").value });
  if (result.status !== 204) { say(problem(result, "The password was not changed."), true); return; }
  $("current-password").value = "";
  $("new-password").value = "";
  say("Password changed. Your other sessions are signed out.");
  await loadSessions();
}

function guard(handler) {
  return async (...args) => {
    try { await handler(...args); } catch (error) { if (!(error instanceof SignedOut)) throw error; }
  };
}

const startError = signInErrorFromUrl();
guard(() => showAccount(startError))();
