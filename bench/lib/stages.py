#!/usr/bin/env python3
"""Groups the CPU samples of one profiled process into the stages of a validated request (bench/profile).

    stages.py perf|speedscope LABEL FILE CPU_US_PER_REQUEST [LABEL FILE CPU_US_PER_REQUEST ...] [--top N]

perf: the text of `perf script` (cpu-clock samples with call chains; .NET frames named through the perf map the
runtime writes when DOTNET_PerfMapEnabled=1). speedscope: what `dotnet-trace convert --format Speedscope` writes from
a cpu-sampling trace; EventPipe samples every managed thread whether it runs or waits, so blocked stacks (the "idle"
rule) are dropped and what is left approximates CPU time.

Each sample is given to one stage (bench/README.md, "Where the time goes", has the rules in prose):
  1. the first CONTAINER rule, in order, that matches any frame of the sample: garbage collection, the JIT, the
     user grain's check, storage: work whose callees must not be counted elsewhere;
  2. otherwise the innermost frame (from the leaf towards the root) that matches any STAGE rule decides, the
     first matching rule in order winning for that frame: a middleware's own work is counted in that middleware,
     not in whatever calls next() or is called by it;
  3. otherwise "other" (runtime stubs, libc, kernel without a managed caller, unnamed code).
Kernel time is counted with the stage whose code entered the kernel; the "kernel %" column says how much of a
stage that was. The output is a markdown table with each stage's share of the samples and its cost in µs of CPU per
request (share × the server CPU per request measured over the profiled window), one pair of columns per profile and
the difference of the first two; then the frames that decided each stage, so the grouping can be checked.
"""

import argparse
import collections
import json
import re
import sys

# (stage, regular expression over "Namespace.Type::Method (module)", or "symbol (module)" for native frames, or
# "thread: NAME" for the thread's name, the last frame of every sample); searched, case-sensitive.
OTEL = "OpenTelemetry, metrics, activities"
IDLE = "idle (waiting; dotnet-trace only)"
CONTAINER_RULES = [
    ("GC", r"\bgc_heap::|WKS::|SVR::|GCHeap::|GarbageCollect|gc_thread_function|thread: \.NET (Server GC|BGC|Background GC)"),
    ("JIT (tiering, background compilation)", r"libclrjit\.so|TieredCompilationManager|CallCountingManager|thread: \.NET Tiered Com"),
    (OTEL, r"thread: OpenTelemetry|thread: \.NET Counter Po"),
    ("the grain's check (UserGrain.ValidateAsync and its callees)", r"Sessions\.Grains\.Users\.UserGrain[^ ]*Validate|Sessions\.Grains\.Users\.CredentialIssuer::Matches"),
    ("background: storage (SQLite, storage recheck, last-seen flush)", r"Microsoft\.Data\.Sqlite|libe_sqlite3|e_sqlite3|Orleans\.Storage|AdoNetGrainStorage|Sessions\.Grains\.Storage|LastSeenBuffer|StorageRecheck|ReadStoredEtag"),
    # Applied only to dotnet-trace's samples of threads in native code (see classify): those count as CPU only when the
    # native code is one that works (crypto, socket send and receive, SQLite); any other is a thread blocked in a
    # wait, a lock, a GC suspension or epoll.
    (IDLE, r"Interop\+Crypto|System\.Security\.Cryptography|SocketPal::TryComplete(Send|Receive)|Interop\+Sys::(Send|Receive|Write)|Sqlite|sqlite3"),
]

STAGE_RULES = [
    (OTEL, r"OpenTelemetry\.|System\.Diagnostics\.Metrics|System\.Diagnostics\.Activity|System\.Diagnostics\.DiagnosticListener|Metrics::|Sessions\.Grains\.Diagnostics|Orleans\.Runtime\.[A-Za-z]*Instruments"),
    ("codec: token read + MAC (front end)", r"Sessions\.Grains\.Abstractions\.Tokens\.|System\.Security\.Cryptography\.|libcrypto|libssl|System\.Security\.Cryptography\.Native"),
    ("claims, principal, ticket", r"System\.Security\.Claims\.|AuthenticationTicket|SessionGridAuthenticationHandler::Ticket|SecurityHelper::MergeUserPrincipal|SessionGridClaims"),
    ("endpoint + JSON (GET /auth/me, its result and body)", r"System\.Text\.Json\.|Sessions\.Web\.Apis\.|HttpResultsHelper|Microsoft\.AspNetCore\.Http\.HttpResults\.|Microsoft\.AspNetCore\.Http\.RequestDelegateFactory|HttpResponseJsonExtensions|Sessions\.Web\.Apis\.Contracts"),
    ("Orleans: grain call, messaging, scheduling", r"Orleans\.|Sessions\.Web\.Grid\.UserGrains|OrleansCodeGen"),
    ("authentication handler: per-request construction (DI)", r"AuthenticationHandlerProvider::GetHandlerAsync|AuthenticationHandler`1::InitializeAsync|Microsoft\.Extensions\.DependencyInjection\.|Microsoft\.Extensions\.Options\.OptionsMonitor|Microsoft\.Extensions\.Options\.OptionsCache"),
    ("authentication handler (ours + ASP.NET's base and service)", r"Sessions\.Web\.Authentication\.|Microsoft\.AspNetCore\.Authentication\."),
    ("authorization (policy, evaluator, middleware)", r"Microsoft\.AspNetCore\.Authorization\."),
    ("middleware: SecurityHeaders", r"Sessions\.Web\.Security\.SecurityHeaders"),
    ("middleware: UrlCredentialGuard", r"Sessions\.Web\.Security\.UrlCredentialGuard"),
    ("middleware: CrossSiteRequestGuard", r"Sessions\.Web\.Security\.CrossSiteRequestGuard"),
    ("middleware: the two UseWhen branches (StaticFiles.MayServe, the cross-site predicate)", r"Sessions\.Web\.Hosting\.StaticFiles|Microsoft\.AspNetCore\.StaticFiles|UseWhenExtensions|MapWhen|^Program\+<>c"),
    ("middleware: trusted proxies (forwarded headers)", r"Sessions\.Web\.Hosting\.TrustedProxy|Microsoft\.AspNetCore\.HttpOverrides"),
    ("middleware: exception handler", r"Microsoft\.AspNetCore\.Diagnostics\.|ExceptionHandlerMiddleware"),
    ("routing", r"Microsoft\.AspNetCore\.Routing\."),
    ("hosting: HttpContext, request scope, logging scope", r"Microsoft\.AspNetCore\.Hosting\.|Microsoft\.AspNetCore\.Http\.DefaultHttpContext|Microsoft\.AspNetCore\.Http\.Features|Microsoft\.Extensions\.Logging\.|Microsoft\.AspNetCore\.HostFiltering"),
    ("Kestrel: HTTP parsing, response writing, sockets (incl. kernel TCP)", r"Microsoft\.AspNetCore\.Server\.Kestrel|System\.IO\.Pipelines|System\.Net\.Sockets|Microsoft\.AspNetCore\.Connections|System\.Net\.Http\.|Interop\+Sys::(Send|Receive|Read|Write)|SocketAsyncContext|thread: \.NET Sockets|thread: Kestrel"
     # Loopback TCP: libc's socket calls (perf's frame-pointer chain ends in libc, losing their managed caller) and
     # the kernel's network stack. Nothing else in the front end does network I/O (the silo is in the process).
     r"|__libc_recv|__libc_send|__send \(|\brecv \(|\bsend \(|sendmsg|recvmsg|sendto|recvfrom|\btcp_|\bsock_|\binet_|\bip_|\b__ip_|__dev_queue_xmit|__netif_|net_rx_action|\bskb_|loopback_xmit|epoll_"),
    ("thread pool, async machinery, spinning", r"System\.Threading\.|System\.Runtime\.CompilerServices\.Async|ThreadPoolWorkQueue|PortableThreadPool|sched_yield|ThreadNative::SpinWait|ThreadNative::YieldThread|thread: \.NET (TP|Timer)"),
]

OTHER = "other (runtime stubs, libc, unnamed frames)"


def compile_rules(rules):
    return [(name, re.compile(pattern)) for name, pattern in rules]


CONTAINERS = compile_rules(CONTAINER_RULES)
STAGES = compile_rules(STAGE_RULES)


def method_name(symbol):
    """A managed frame as "Namespace.Type::Method": the perf map's names ("instance void [Assembly] Type::Method(args)")
    and EventPipe's ("Assembly!Namespace.Type.Method(args)") carry return and parameter types with their assemblies,
    which must not decide a stage (a method taking a ClaimsPrincipal is not claims work). Native symbols are returned
    as they are."""
    for token in symbol.split(" "):
        if "::" in token:
            return token.split("(", 1)[0]
    if "!" in symbol:
        name = symbol.split("!", 1)[1].split("(", 1)[0]
        owner, dot, method = name.rpartition(".")
        return f"{owner}::{method}" if dot else name
    return symbol


def classify(frames, in_native, drop_idle):
    """frames: leaf first, each "name (module)", the last one "thread: NAME". Returns (stage, the frame that decided).
    The idle rule applies only to wall-clock samples (dotnet-trace) in native code: a perf sample is a thread on a CPU."""
    for name, pattern in CONTAINERS:
        if name == IDLE:
            if drop_idle and in_native and not any(pattern.search(frame) for frame in frames[:3]):
                return name, frames[0] if frames else "(no frames)"
            if drop_idle and frames and "::<PollGC>" in frames[0]:
                return name, frames[0]  # parked for a GC or for the sampler's own suspension
            continue
        for frame in frames:
            if pattern.search(frame):
                return name, frame
    for frame in frames:
        for name, pattern in STAGES:
            if pattern.search(frame):
                return name, frame
    return OTHER, frames[0] if frames else "(no frames)"


def perf_samples(path):
    """Yields (weight, frames leaf first, in_kernel) from `perf script -F comm,tid,ip,sym,dso` text."""
    frames, thread, kernel = [], None, False
    with open(path, errors="replace") as text:
        for line in text:
            line = line.rstrip("\n")
            if not line.strip():
                if thread is not None:
                    yield 1.0, frames + [f"thread: {thread}"], kernel
                frames, thread, kernel = [], None, False
            elif not line.startswith((" ", "\t")):
                thread = re.sub(r"\s+\d+\s*$", "", line)  # "<thread name> <tid>": the name may hold spaces
            else:
                # "\t    ffffffff8123 symbol+0x12 (module)"
                parts = line.strip().split(" ", 1)
                rest = re.sub(r"\+0x[0-9a-f]+ \(", " (", parts[1] if len(parts) > 1 else "")
                symbol, _, module = rest.rpartition(" (")
                if not frames:
                    kernel = module.startswith("[kernel")
                frames.append(f"{method_name(symbol)} ({module}")
    if thread is not None:
        yield 1.0, frames + [f"thread: {thread}"], kernel


def speedscope_samples(path):
    """Yields (weight in ms, frames leaf first, in native code) from a speedscope file (evented or sampled profiles).
    TraceEvent ends each stack with a pseudo-frame, CPU_TIME (running managed code) or UNMANAGED_CODE_TIME (in native
    code: blocked, or in a system call): it is taken off and kept as the flag."""
    with open(path) as text:
        document = json.load(text)
    names = [method_name(frame["name"]) for frame in document["shared"]["frames"]]
    for profile in document["profiles"]:
        thread = f"thread: {profile.get('name', '')}"
        if profile.get("type") == "sampled":
            for stack, weight in zip(profile["samples"], profile["weights"]):
                yield (float(weight), *without_pseudo_frame([names[i] for i in reversed(stack)] + [thread]))
            continue
        stack, last = [], None
        for event in profile.get("events", []):
            at = float(event["at"])
            if stack and last is not None and at > last:
                yield (at - last, *without_pseudo_frame([names[i] for i in reversed(stack)] + [thread]))
            last = at
            if event["type"] == "O":
                stack.append(event["frame"])
            elif stack:
                stack.pop()


def without_pseudo_frame(frames):
    if frames and frames[0] in ("CPU_TIME", "UNMANAGED_CODE_TIME"):
        return frames[1:], frames[0] == "UNMANAGED_CODE_TIME"
    return frames, False


def tally(format, path):
    samples = perf_samples(path) if format == "perf" else speedscope_samples(path)
    weight, kernel = collections.Counter(), collections.Counter()
    deciding = collections.defaultdict(collections.Counter)
    for w, frames, in_kernel in samples:
        stage, frame = classify(frames, in_kernel, drop_idle=format != "perf")
        weight[stage] += w
        if in_kernel and stage != IDLE:
            kernel[stage] += w
        deciding[stage][frame] += w
    return weight, kernel, deciding


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("format", choices=["perf", "speedscope"])
    parser.add_argument("profiles", nargs="+", metavar="LABEL FILE CPU_US_PER_REQUEST",
                        help="one or more profiles: a label (the path), the stacks file, the measured CPU per request")
    parser.add_argument("--top", type=int, default=4, help="top deciding frames shown per stage")
    arguments = parser.parse_args()
    if len(arguments.profiles) % 3:
        parser.error("profiles come in threes: LABEL FILE CPU_US_PER_REQUEST")

    idle = IDLE
    unit = "samples" if arguments.format == "perf" else "ms of thread time"
    runs = []
    for i in range(0, len(arguments.profiles), 3):
        label, path, cpu = arguments.profiles[i:i + 3]
        weight, kernel, deciding = tally(arguments.format, path)
        total = sum(w for stage, w in weight.items() if stage != idle)
        if total == 0:
            print(f"no samples in {path}", file=sys.stderr)
            return 1
        runs.append((label, float(cpu), weight, kernel, deciding, total))

    first = runs[0]
    stages = sorted({s for run in runs for s in run[2] if s != idle}, key=lambda s: -first[2][s] / first[5])
    header = "| stage |" + "".join(f" {label}: share | {label}: µs/req |" for label, *_ in runs)
    rule = "|---|" + "---:|---:|" * len(runs)
    if len(runs) > 1:
        header += f" difference µs/req ({runs[0][0]} − {runs[1][0]}) |"
        rule += "---:|"
    header += f" {first[0]}: of which {'kernel' if arguments.format == 'perf' else 'native code'} |"
    rule += "---:|"
    print(header)
    print(rule)
    for stage in stages:
        line = f"| {stage} |"
        costs = []
        for label, cpu, weight, kernel, deciding, total in runs:
            share = weight[stage] / total
            costs.append(share * cpu)
            line += f" {share * 100:.1f} % | {share * cpu:.1f} |"
        if len(runs) > 1:
            line += f" {costs[0] - costs[1]:+.1f} |"
        kernel_share = first[3][stage] / first[2][stage] * 100 if first[2][stage] else 0
        line += f" {kernel_share:.0f} % |"
        print(line)
    line = "| **all** |" + "".join(f" {total:.0f} {unit} | {cpu:.1f} |" for label, cpu, weight, kernel, deciding, total in runs)
    if len(runs) > 1:
        line += f" {runs[0][1] - runs[1][1]:+.1f} |"
    line += f" {sum(first[3].values()) / first[5] * 100:.0f} % |"
    print(line)
    for label, cpu, weight, kernel, deciding, total in runs:
        if weight[idle]:
            print(f"\n({label}: {weight[idle]:.0f} {unit} of blocked threads dropped as idle)")

    for label, cpu, weight, kernel, deciding, total in runs:
        print(f"\nTop deciding frames per stage, {label} (the frame that put a sample in its stage):\n")
        for stage in sorted((s for s in weight if s != idle), key=lambda s: -weight[s]):
            print(f"- {stage}:")
            for frame, w in deciding[stage].most_common(arguments.top):
                print(f"  - {w / total * 100:.1f} % `{frame[:160]}`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
