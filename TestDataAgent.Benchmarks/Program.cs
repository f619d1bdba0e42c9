using BenchmarkDotNet.Running;
using TestDataAgent.Benchmarks.Generation;
using TestDataAgent.Benchmarks.Load;

// `bench [BenchmarkDotNet args]` runs the BenchmarkDotNet suites; `load <scenario> [options]` runs the load driver.
return args switch
{
    ["bench", .. var rest] => RunBenchmarks(rest),
    ["load", .. var rest] => await LoadCommand.RunAsync(rest),
    _ => Usage(),
};

static int RunBenchmarks(string[] args)
{
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(GenerationBenchmarks).Assembly).Run(args);
    return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage:
          bench [BenchmarkDotNet args]        e.g. bench --filter '*GenerationBenchmarks*'
          load stream [options]               one GenerateDataStream call: records/s, first chunk, peak RSS
          load unary [options]                concurrent GenerateData callers: req/s, p50/p95/p99, then the same
                                              load on a bare gRPC echo of the same size: our share of its req/s
          load echo [options]                 the echo alone, sized like the unary call

        load options:
          --entity NAME          schema to generate (user)
          --count N              records per call (stream 1000000, unary 10)
          --format json|ndjson   output format (json)
          --seed N               fixed seed (default: the service picks one per call)
          --concurrency N        unary callers (32)
          --channels N           unary GrpcChannels shared by the callers (1)
          --duration S           unary measuring time in seconds (20)
          --warmup S             unary warm-up time in seconds, not measured (30: the JIT's tiering settles)
          --max-requests N       unary stops after this many measured calls (10000000)
          --timeout S            deadline of each call in seconds (stream 600, unary 30)
          --target URL           an already running server (loopback only), instead of the in-process Api
          --client-decode D      stream: read chunks as bytes (default) or as the generated client's strings
          --api-key KEY          sent as x-api-key to --target (the in-process Api makes a key of its own)
          --warmup-records N     stream: records of an unmeasured stream made first; 0 measures a cold start (500000)
          --server-log-level L   log level of the in-process Api (Warning)
          --server-config KVs    settings for the in-process Api, e.g. 'Generation:ChunkMaxBytes=32768;Generation:ChunkMaxRecords=500'
          --echo on|off          unary: measure the echo ceiling in the same run (on)
        """);
    return 2;
}
