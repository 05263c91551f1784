// Live sign-out latency: how long from "sign out everywhere" until every open GET /auth/events stream of the user
// has received `event: signed-out`. Node 20, no dependencies. Used by bench/live.
//
//   node bench/lib/live-signout.mjs BASE_URL USERS STREAMS_PER_USER
//
// Each user gets STREAMS_PER_USER browser sessions, each with its stream open, and an app session that presses
// sign-out-everywhere. Users are signed out one after another (one revocation at a time, so each latency is that of
// an otherwise idle grid with all the other streams open). Prints one JSON line with the latencies in ms, measured
// from just before the POST to the stream's event, and from the POST's answer (the acknowledgement) to the event.
const [base, usersArg, perUserArg] = process.argv.slice(2);
const users = Number(usersArg ?? 20);
const perUser = Number(perUserArg ?? 4);
const password = "correct horse battery staple";
const json = { "Content-Type": "application/json" };

async function post(path, body, headers = {}) {
  const response = await fetch(base + path, { method: "POST", headers: { ...json, ...headers }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
  return response;
}

async function browserCookie(username) {
  const response = await post("/auth/login", { username, password });
  return response.headers.get("set-cookie").split(";")[0];
}

// Opens a stream and resolves `opened` at its first comment; `signedOut` resolves with the time of the event.
function openStream(cookie) {
  const controller = new AbortController();
  let markOpened;
  const opened = new Promise((resolve) => { markOpened = resolve; });
  const signedOut = (async () => {
    const response = await fetch(base + "/auth/events", { headers: { Cookie: cookie, Accept: "text/event-stream" }, signal: controller.signal });
    if (response.status !== 200) throw new Error(`/auth/events: HTTP ${response.status}`);
    const decoder = new TextDecoder();
    let text = "";
    for await (const chunk of response.body) {
      text += decoder.decode(chunk, { stream: true });
      if (text.includes(": connected")) markOpened();
      if (text.includes("event: signed-out")) return performance.now();
    }
    throw new Error("the stream closed without signed-out");
  })();
  return { opened, signedOut, close: () => controller.abort() };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (v) => Math.round(v * 10) / 10;
  return { n: sorted.length, p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1)) };
}

const people = [];
for (let u = 0; u < users; u++) {
  const username = `live${Date.now().toString(36)}${u}`;
  await post("/auth/register", { username, password });
  const app = await (await post("/auth/login", { username, password, client: "app" })).json();
  const streams = [];
  for (let s = 0; s < perUser; s++) streams.push(openStream(await browserCookie(username)));
  await Promise.all(streams.map((s) => s.opened));
  people.push({ access: app.accessToken, streams });
}

const fromPress = [];
const fromAck = [];
for (const person of people) {
  const pressed = performance.now();
  await post("/auth/logout-everywhere", {}, { Authorization: `Bearer ${person.access}` });
  const acknowledged = performance.now();
  for (const at of await Promise.all(person.streams.map((s) => s.signedOut))) {
    fromPress.push(at - pressed);
    fromAck.push(Math.max(0, at - acknowledged));
  }
}

console.log(JSON.stringify({ users, streamsPerUser: perUser, openStreams: users * perUser, fromPress: summary(fromPress), fromAck: summary(fromAck) }));
