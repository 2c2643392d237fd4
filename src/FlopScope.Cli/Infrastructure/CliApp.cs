using FlopScope.Cli.Commands;
using FlopScope.Errors;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FlopScope.Cli.Infrastructure;

/// <summary>Builds and runs the command-line app: every failure becomes one line on stderr and a documented exit code.</summary>
public static class CliApp
{
    // Nesting limits keep input-driven recursion far below this; the stack is only reserved, not committed.
    private const int StackBytes = 256 * 1024 * 1024;

    /// <summary>Runs flopscope with <paramref name="args"/>, writing to <paramref name="consoles"/>. The command runs on
    /// a thread with a large stack, so a model nested up to the raised <c>--limit nesting</c> ceiling cannot overflow it.</summary>
    public static int Run(string[] args, Consoles consoles)
    {
        var result = ExitCodes.InternalError;
        var thread = new Thread(() => result = RunHere(args, consoles), StackBytes) { Name = "flopscope" };
        thread.Start();
        thread.Join();
        return result;
    }

    private static int RunHere(string[] args, Consoles consoles)
    {
        var registrar = new TypeRegistrar();
        registrar.RegisterInstance(typeof(Consoles), consoles);
        var app = new CommandApp(registrar);
        app.Configure(config =>
        {
            config.SetApplicationName("flopscope");
            config.SetApplicationVersion(typeof(CliApp).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
            config.Settings.Console = consoles.Out;
            config.PropagateExceptions();
            config.SetInterceptor(new LimitsInterceptor());
            // Unknown options are errors: a typo such as --imgsize must not silently profile at the default size.
            config.UseStrictParsing();
            config.AddCommand<ProfileCommand>("profile")
                .WithDescription("FLOPs, MACs and parameters per layer, op type and module, at any input size.")
                .WithExample("profile", "samples/resnet18.onnx.gz")
                .WithExample("profile", "yolo11n.onnx", "--imgsz", "640", "--convention", "ultralytics")
                .WithExample("profile", "bert.onnx", "--dim", "sequence=128", "--format", "json");
            config.AddCommand<EstimateCommand>("estimate")
                .WithDescription("Estimated latency, FPS, energy and memory fit on devices (roofline; an estimate, not a measurement).")
                .WithExample("estimate", "yolo11n.onnx", "--device", "rpi5,orin-nano,t4", "--precision", "fp16", "--target-fps", "30");
            config.AddCommand<CheckCommand>("check")
                .WithDescription("Budgets for CI: exit 0 when every limit holds, 1 with what broke.")
                .WithExample("check", "model.onnx", "--max-gflops", "10", "--max-params", "5M", "--max-memory", "512MB");
            config.AddCommand<CompareCommand>("compare")
                .WithDescription("One row per model: parameters, GFLOPs, memory, estimated latency per device, measured latency from saved results.")
                .WithExample("compare", "yolo11n.onnx", "yolo11s.onnx", "--imgsz", "640", "--device", "rpi5,t4")
                .WithExample("compare", "a.onnx", "a-bench-pi.json", "--format", "markdown");
            config.AddCommand<DevicesCommand>("devices")
                .WithDescription("The device catalogue: peak compute, bandwidth, memory, power and their sources.");
            config.AddCommand<BenchCommand>("bench")
                .WithDescription("Measured latency in ONNX Runtime, and measured time next to every layer's FLOPs.")
                .WithExample("bench", "resnet18.onnx", "--runs", "50", "--threads", "4")
                .WithExample("bench", "bert.onnx", "--dim", "sequence=128", "--graph-optimization", "none", "--format", "json")
                .WithExample("bench", "yolo11n.onnx", "--host", "pi@raspberrypi.local=rpi5,orin=orin-nano", "--output-dir", "results")
                .WithExample("bench", "resnet18.onnx", "--ort-library", "/opt/onnxruntime-gpu/lib/libonnxruntime.so", "--provider", "cuda");
            config.AddCommand<LlmCommand>("llm")
                .WithDescription("Language models: prefill and decode per device (time to first token, tokens/s, KV cache, memory fit) from config.json, GGUF or an ONNX decoder.")
                .WithExample("llm", "Meta-Llama-3-8B/", "--device", "rpi5,orin-nano,rtx4090", "--prompt", "512", "--generate", "128", "--quant", "q4_k_m")
                .WithExample("llm", "model.gguf", "--device", "rtx4090", "--sweep", "context=1k,4k,16k,128k");
            config.AddCommand<CalibrateCommand>("calibrate")
                .WithDescription("Measures this machine with ONNX Runtime (peaks, kernel overhead, per-class efficiencies) and writes a device profile; --from fits one to bench results.")
                .WithExample("calibrate", "--threads", "4", "--output", "my-laptop.json")
                .WithExample("calibrate", "--from", "a.bench.json", "b.bench.json", "a.onnx", "b.onnx", "--device", "rpi5", "--output", "rpi5-fitted.json");
            config.AddBranch("remote", remote =>
            {
                remote.SetDescription("Remote machines over SSH: what a host lacks to run bench --host.");
                remote.AddCommand<RemoteCheckCommand>("check")
                    .WithDescription("Checks a host over SSH: flopscope installed, version, architecture, ONNX Runtime, temp space.")
                    .WithExample("remote", "check", "pi@raspberrypi.local");
            });
        });

        try
        {
            return app.Run(args);
        }
        catch (FlopScopeException e)
        {
            return Fail(consoles, e.Message);
        }
        catch (CommandAppException e)
        {
            return Fail(consoles, e.Message);
        }
        catch (IOException e)
        {
            return Fail(consoles, e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            return Fail(consoles, e.Message);
        }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException e)
        {
            // e.g. a static model run at another size: ONNX Runtime's own first line says which input and dims.
            return Fail(consoles, "ONNX Runtime refused the model or its inputs: " + string.Join(' ', e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                + " (profile analyses any size; running needs sizes the model accepts)");
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("FLOPSCOPE_DEBUG") is null or "" or "0")
        {
            WriteLine(consoles, $"internal error (a bug in flopscope, please report it with the command line): {e.GetType().Name}: {e.Message}");
            return ExitCodes.InternalError;
        }
    }

    private static int Fail(Consoles consoles, string message)
    {
        WriteLine(consoles, "error: " + message);
        return ExitCodes.BadInput;
    }

    // One line, whatever the console width (a wrapped path cannot be pasted), and with the control characters of any
    // model-supplied name made visible so an error cannot drive the terminal.
    private static void WriteLine(Consoles consoles, string text)
    {
        var line = FlopScope.Safety.SafeText.Clean(text.ReplaceLineEndings(" "));
        var width = consoles.Error.Profile.Width;
        consoles.Error.Profile.Width = Math.Max(width, line.Length + 1);
        try
        {
            consoles.Error.WriteLine(line, new Style(Color.Red));
        }
        finally
        {
            consoles.Error.Profile.Width = width;
        }
    }
}
