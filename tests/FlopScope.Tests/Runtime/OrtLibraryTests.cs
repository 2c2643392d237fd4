using System.Text.Json;
using FlopScope.Errors;
using FlopScope.Runtime;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Runtime;

/// <summary>--ort-library, FLOPSCOPE_ORT_LIBRARY and --list-providers, run as separate processes: the native library
/// can only be chosen before ONNX Runtime is first loaded in a process.</summary>
public sealed class OrtLibraryTests
{
    /// <summary>The CPU build shipped with the tool, as the build output lays it out.</summary>
    private static string Shipped => Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libonnxruntime.so");

    [SkippableFact]
    public void BenchRunsWithTheShippedLibraryAndRecordsIt()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64,
            "the shipped library's path in this test is the linux-x64 one");
        var result = CliProcess.Run(null, "bench", Fixtures.Model("squeezenet1_1"), "--ort-library", Shipped, "--runs", "2", "--warmup", "0",
            "--layer-runs", "0", "--threads", "1", "--format", "json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var machine = json.RootElement.GetProperty("machine");
        Assert.Equal(Shipped, machine.GetProperty("ort_library").GetString());
        // The version the library reports through its own C API is the managed package's (1.31.1 here).
        Assert.Equal(OrtSessions.Version, machine.GetProperty("ort_version").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("latency").GetProperty("runs").GetInt32());
    }

    [SkippableFact]
    public void EnvironmentVariableChoosesTheLibraryForListProviders()
    {
        Skip.IfNot(File.Exists(Shipped), "no linux-x64 build output");
        var result = CliProcess.Run(new Dictionary<string, string> { ["FLOPSCOPE_ORT_LIBRARY"] = Shipped }, "bench", "--list-providers");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Trim().Split('\n');
        Assert.Equal($"ONNX Runtime {OrtSessions.Version} ({Shipped})", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("cpu", StringComparison.Ordinal) && l.EndsWith("CPUExecutionProvider", StringComparison.Ordinal));
    }

    [Fact]
    public void ListProvidersNamesTheBundledCpuProvider()
    {
        var result = CliRunner.Run("bench", "--list-providers");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Trim().Split('\n');
        Assert.StartsWith($"ONNX Runtime {OrtSessions.Version} (", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["cpu", "CPUExecutionProvider"]);
    }

    [Fact]
    public void APathThatIsNotALibraryIsOneLineAndExitTwo()
    {
        using var folder = new TempFolder();
        var text = folder.Write("libonnxruntime.so", "not an ELF file"u8.ToArray());

        var result = CliProcess.Run(null, "bench", Fixtures.Model("squeezenet1_1"), "--ort-library", text);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.StartsWith($"error: --ort-library: '{text}' is not a loadable native library", line, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [SkippableFact]
    public void ANativeLibraryThatIsNotOnnxRuntimeIsOneLineAndExitTwo()
    {
        var skia = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libSkiaSharp.so");
        Skip.IfNot(File.Exists(skia), "no linux-x64 native library other than ONNX Runtime in the build output");

        var result = CliProcess.Run(null, "bench", "--list-providers", "--ort-library", skia);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: --ort-library: '{skia}' is a native library but not ONNX Runtime (no OrtGetApiBase export).", result.Stderr.Trim());
    }

    [Fact]
    public void AMissingPathFromTheEnvironmentNamesTheVariable()
    {
        var result = CliProcess.Run(new Dictionary<string, string> { ["FLOPSCOPE_ORT_LIBRARY"] = "/no/such/libonnxruntime.so" }, "bench", "--list-providers");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: FLOPSCOPE_ORT_LIBRARY: '/no/such/libonnxruntime.so' does not exist.", result.Stderr.Trim());
    }

    [SkippableFact]
    public void ARealOlderOnnxRuntimeIsRefusedInOneLine()
    {
        var folder = typeof(OrtLibraryTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "OlderOrtPackageFolder").Value!;
        var older = Path.Combine(folder, "runtimes", "linux-x64", "native", "libonnxruntime.so");
        Skip.IfNot(OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64,
            "the older library used here is the linux-x64 one");
        Assert.True(File.Exists(older), $"restore downloads Microsoft.ML.OnnxRuntime 1.30.0 (PackageDownload), but {older} is missing");

        var result = CliProcess.Run(null, "bench", Fixtures.Model("squeezenet1_1"), "--ort-library", older, "--runs", "1");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: --ort-library: '{older}' is ONNX Runtime 1.30.0, incompatible: this flopscope's binding needs ONNX Runtime 1.31 or newer (API version 31).",
            result.Stderr.Trim());
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void AnOlderLibraryVersionIsRefusedNewerAccepted()
    {
        // The managed binding of package 1.31.x asks the native library for API version 31.
        Assert.Equal(31, OrtLibrary.RequiredApiVersion);
        var e = Assert.Throws<FlopScopeException>(() => OrtLibrary.Check("1.16.3", "/opt/old/libonnxruntime.so"));
        Assert.Equal("--ort-library: '/opt/old/libonnxruntime.so' is ONNX Runtime 1.16.3, incompatible: this flopscope's binding needs ONNX Runtime 1.31 or newer (API version 31).", e.Message);
        OrtLibrary.Check("1.31.0", "x");
        OrtLibrary.Check("1.32.1", "x");
        Assert.Throws<FlopScopeException>(() => OrtLibrary.Check("garbage", "x"));
    }

    [Fact]
    public void ProviderOptionsOnCpuAreRefused()
    {
        var result = CliRunner.Run("bench", Fixtures.Model("squeezenet1_1"), "--provider-option", "device_id=0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("the cpu provider takes no options (got device_id)", result.Stderr);
    }
}
