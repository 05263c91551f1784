using Sessions.Bench.Scaling;
using Sessions.Bench.Scaling.Experiments;
using Sessions.Bench.Scaling.Reporting;

// Scaling curves of the session grid, one experiment per process (bench/scaling runs them all and writes the report):
//
//   storage  --users N ...           users in storage: seeding, cold and hot validation
//   memory   --users N --sessions K  memory per active user and per session
//   signout  --credentials 1,10,...  sign-out-everywhere and full-state writes by credentials held
//   writes   --iterations I ...      sign-in and refresh throughput (storage-write bound)
//   commits                          a bare commit loop on each store: what durability costs on this disk
//   recheck  --users N --credentials 2,20 ...   the storage recheck's read: the whole state vs its version only
//   report   --results FILE [--wrk-rows FILE]   the markdown tables of every result recorded in FILE (and of the
//                                    hot-set windows bench/lib/measure.sh wrote to rows.tsv)
//
// Every experiment takes --data DIR --results FILE, and --provider postgres --postgres CONNECTION-STRING for
// PostgreSQL; see the experiment classes for their own options.
var arguments = Arguments.Parse(args);
if (arguments.Experiment == "report")
{
    Console.Write(ScalingReport.Render(new ResultsFile(arguments.Required("results")), WrkRows.Read(arguments.Text("wrk-rows"))));
    return 0;
}

var context = ExperimentContext.From(arguments);
Func<ExperimentContext, Task>? experiment = arguments.Experiment switch
{
    "storage" => StorageSizeExperiment.RunAsync,
    "memory" => MemoryExperiment.RunAsync,
    "signout" => SignOutExperiment.RunAsync,
    "writes" => WriteThroughputExperiment.RunAsync,
    "commits" => CommitExperiment.RunAsync,
    "recheck" => RecheckExperiment.RunAsync,
    _ => null,
};
if (experiment is null)
{
    await Console.Error.WriteLineAsync("usage: Scaling storage|memory|signout|writes|commits|recheck|report --data DIR --results FILE [options]");
    return 2;
}

await experiment(context);
return 0;
