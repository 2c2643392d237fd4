using FlopScope.Errors;
using Microsoft.ML.OnnxRuntime;

namespace FlopScope.Runtime;

/// <summary>Session options and execution providers, with one-line errors for what this build cannot do.</summary>
public static class OrtSessions
{
    private static readonly Dictionary<string, string> Providers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["cpu"] = "CPUExecutionProvider",
        ["cuda"] = "CUDAExecutionProvider",
        ["tensorrt"] = "TensorrtExecutionProvider",
        ["dml"] = "DmlExecutionProvider",
        ["directml"] = "DmlExecutionProvider",
        ["coreml"] = "CoreMLExecutionProvider",
        ["openvino"] = "OpenVINOExecutionProvider",
        ["xnnpack"] = "XnnpackExecutionProvider",
        ["qnn"] = "QNNExecutionProvider",
        ["rocm"] = "ROCMExecutionProvider",
        ["migraphx"] = "MIGraphXExecutionProvider",
        ["nnapi"] = "NnapiExecutionProvider",
        ["webgpu"] = "WebGpuExecutionProvider",
    };

    /// <summary>The ONNX Runtime environment with its telemetry off: ORT would otherwise record every session in a
    /// database under ~/.cache. ORT_DISABLE_TELEMETRY must reach the native environment before ORT starts.</summary>
    public static OrtEnv Env()
    {
        lock (Providers)
        {
            if (!_telemetryOff)
            {
                if (!OperatingSystem.IsWindows())
                {
                    try
                    {
                        _ = NativeEnvironment.setenv("ORT_DISABLE_TELEMETRY", "1", 1);
                    }
                    catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
                    {
                        // No libc by that name (unusual libc): DisableTelemetryEvents below still stops sending.
                    }
                }

                Environment.SetEnvironmentVariable("ORT_DISABLE_TELEMETRY", "1");
                OrtEnv.Instance().DisableTelemetryEvents();
                _telemetryOff = true;
            }
        }

        return OrtEnv.Instance();
    }

    private static bool _telemetryOff;

    /// <summary>Short names of the providers this build of ONNX Runtime has (cpu, cuda...).</summary>
    public static IReadOnlyList<string> Available() => Env().GetAvailableProviders()
        .Select(p => Providers.FirstOrDefault(x => x.Value == p).Key ?? p)
        .Distinct().ToArray();

    /// <summary>The ONNX Runtime version string.</summary>
    public static string Version => Env().GetVersionString();

    /// <summary>Session options for a level, thread count and provider; throws <see cref="FlopScopeException"/> when the
    /// provider is unknown or not in this build.</summary>
    public static SessionOptions Create(GraphOptimization level, int? threads, string provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var name = Providers.TryGetValue(provider, out var full) ? full
            : Providers.ContainsValue(provider) ? provider
            : throw new FlopScopeException($"Unknown provider '{provider}'; use one of: {string.Join(", ", Providers.Keys.Distinct())}.");
        var available = Env().GetAvailableProviders();
        if (!available.Contains(name))
        {
            throw new FlopScopeException($"Provider '{provider}' is not available in this build of ONNX Runtime {Version} (available: {string.Join(", ", Available())}); install the matching ONNX Runtime package (e.g. Microsoft.ML.OnnxRuntime.Gpu for cuda) and rebuild.");
        }

        var options = new SessionOptions
        {
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
            GraphOptimizationLevel = level switch
            {
                GraphOptimization.None => GraphOptimizationLevel.ORT_DISABLE_ALL,
                GraphOptimization.Basic => GraphOptimizationLevel.ORT_ENABLE_BASIC,
                GraphOptimization.Extended => GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
                _ => GraphOptimizationLevel.ORT_ENABLE_ALL,
            },
        };
        try
        {
            if (threads is { } t)
            {
                options.IntraOpNumThreads = t;
            }

            switch (name)
            {
                case "CPUExecutionProvider":
                    break;
                case "CUDAExecutionProvider":
                    options.AppendExecutionProvider_CUDA(0);
                    break;
                case "TensorrtExecutionProvider":
                    options.AppendExecutionProvider_Tensorrt(0);
                    break;
                case "DmlExecutionProvider":
                    options.AppendExecutionProvider_DML(0);
                    break;
                case "ROCMExecutionProvider":
                    options.AppendExecutionProvider_ROCm(0);
                    break;
                case "CoreMLExecutionProvider":
                    options.AppendExecutionProvider("CoreML");
                    break;
                case "XnnpackExecutionProvider":
                    options.AppendExecutionProvider("XNNPACK");
                    break;
                case "QNNExecutionProvider":
                    options.AppendExecutionProvider("QNN");
                    break;
                case "OpenVINOExecutionProvider":
                    options.AppendExecutionProvider_OpenVINO();
                    break;
                default:
                    options.AppendExecutionProvider(name.Replace("ExecutionProvider", string.Empty, StringComparison.Ordinal));
                    break;
            }
        }
        catch (OnnxRuntimeException e)
        {
            options.Dispose();
            throw new FlopScopeException($"Provider '{provider}' could not be enabled: {e.Message.ReplaceLineEndings(" ")}");
        }
        catch
        {
            options.Dispose();
            throw;
        }

        return options;
    }

    /// <summary>Parses none|basic|extended|all.</summary>
    public static GraphOptimization ParseLevel(string text) => text.Trim().ToLowerInvariant() switch
    {
        "none" or "disable" or "off" => GraphOptimization.None,
        "basic" => GraphOptimization.Basic,
        "extended" => GraphOptimization.Extended,
        "all" => GraphOptimization.All,
        _ => throw new FlopScopeException($"Unknown graph optimization level '{text}'; use none, basic, extended or all."),
    };
}

/// <summary>libc's setenv: .NET keeps its own copy of the environment on Unix, which native libraries never see.</summary>
internal static partial class NativeEnvironment
{
    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = System.Runtime.InteropServices.StringMarshalling.Utf8)]
    internal static partial int setenv(string name, string value, int overwrite);
}
