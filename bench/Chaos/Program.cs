using Sessions.Bench;
using Sessions.Bench.Chaos;

// The tools of bench/chaos (which runs them; see bench/README.md, "Chaos"):
//
//   client --process N --front-ends URL,URL --history FILE --ready-file FILE --stop-file FILE
//          [--users 8 --action-pause-ms 500 --validation-pause-ms 40 --tag T --seed S]
//          one client process: its users' mixed load until the stop file appears, every request in the history
//   signal --signal KILL|TERM --pid P --silo N --silo-port PORT --connection CS --events FILE [--watch-seconds 120]
//          sends the signal, then records when the membership table first suspects the silo and declares it dead
//          (and, after TERM, when the process exited)
//   mark   --events FILE --kind KIND [--silo N --pid P --detail TEXT]
//          records one timeline event now
//   check  --histories DIR --events DIR --report FILE [--window-after-dead 2 --target 99.9 --command TEXT]
//          reads every history and the timeline, writes the report, prints its summary line; exit status 1 on
//          any violation or when availability outside the kill windows is below the target
var arguments = Arguments.Parse(args);
switch (arguments.Command)
{
    case "client":
        return await ClientCommand.RunAsync(arguments);
    case "signal":
        return await SignalCommand.RunAsync(arguments);
    case "mark":
        return MarkCommand.Run(arguments);
    case "check":
        return CheckCommand.Run(arguments);
    default:
        await Console.Error.WriteLineAsync("usage: Chaos client|signal|mark|check ... (see Program.cs)");
        return 2;
}
