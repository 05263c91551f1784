using Sessions.Bench;
using Sessions.Bench.Flood;

// The attacker and the witnesses of bench/flood (which runs them; see bench/README.md, "Floods"):
//
//   seed --base URL --accounts FILE --sessions FILE [--users 200 --tokens 1000 --probe-accounts 10
//        --spray-slices a,b,... --spray-accounts 100 --from 127.0.2.1]
//        registers the accounts and signs in the app tokens the validation load presents (one header per line)
//   run  --base URL --kind quiet|unknown|spray|register|taken --connections N --accounts FILE [--slice NAME
//        --settle 3 --window 10 --flood-from 127.0.0.1 --health URL,... --health-rate 20 --legit-every 2
//        --legit-network 1]
//        one scenario: the flood, then a measured window of probes; prints "measuring" when it opens and
//        "RESULT key=value ..." at the end
var arguments = Arguments.Parse(args);
switch (arguments.Command)
{
    case "seed":
        return await SeedCommand.RunAsync(arguments);
    case "run":
        return await ScenarioCommand.RunAsync(arguments);
    default:
        await Console.Error.WriteLineAsync("usage: Flood seed|run --base URL ... (see Program.cs)");
        return 2;
}
