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
        // From here on the native library can no longer be changed (OrtLibrary.Use refuses it).
        OrtLibrary.MarkUsed();
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
        .Select(ShortName)
        .Distinct().ToArray();

    /// <summary>The short name of a provider (cuda for CUDAExecutionProvider), or the full name when it has none.</summary>
    public static string ShortName(string fullName) => Providers.FirstOrDefault(x => x.Value == fullName).Key ?? fullName;

    /// <summary>The full names of the providers the loaded library offers (CUDAExecutionProvider...).</summary>
    public static IReadOnlyList<string> AvailableFullNames() => Env().GetAvailableProviders();

    /// <summary>The ONNX Runtime version string.</summary>
    public static string Version => Env().GetVersionString();

    /// <summary>Session options for a level, thread count and provider; throws <see cref="FlopScopeException"/> when the
    /// provider is unknown or not in this build.</summary>
    public static SessionOptions Create(GraphOptimization level, int? threads, string provider,
        IReadOnlyDictionary<string, string>? providerOptions = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var settings = new Dictionary<string, string>(providerOptions ?? new Dictionary<string, string>());
        var name = Providers.TryGetValue(provider, out var full) ? full
            : Providers.ContainsValue(provider) ? provider
            : throw new FlopScopeException($"Unknown provider '{provider}'; use one of: {string.Join(", ", Providers.Keys.Distinct())}.");
        var available = Env().GetAvailableProviders();
        if (!available.Contains(name))
        {
            throw new FlopScopeException($"Provider '{provider}' is not available in this build of ONNX Runtime {Version} ({OrtLibrary.Location}; available: {string.Join(", ", Available())}); point --ort-library (or {OrtLibrary.EnvironmentVariable}) at an ONNX Runtime build that has it, e.g. libonnxruntime.so of the onnxruntime-gpu package for cuda (docs/bench.md).");
        }

        if (name == "CPUExecutionProvider" && settings.Count > 0)
        {
            throw new FlopScopeException($"--provider-option: the cpu provider takes no options (got {string.Join(", ", settings.Keys)}); use --threads.");
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
                {
                    // Provider options are ONNX Runtime's own keys (device_id, gpu_mem_limit, cudnn_conv_algo_search...).
                    using var cuda = new OrtCUDAProviderOptions();
                    cuda.UpdateOptions(settings);
                    options.AppendExecutionProvider_CUDA(cuda);
                    break;
                }

                case "TensorrtExecutionProvider":
                {
                    using var tensorrt = new OrtTensorRTProviderOptions();
                    tensorrt.UpdateOptions(settings);
                    options.AppendExecutionProvider_Tensorrt(tensorrt);
                    break;
                }

                case "ROCMExecutionProvider":
                {
                    using var rocm = new OrtROCMProviderOptions();
                    rocm.UpdateOptions(settings);
                    options.AppendExecutionProvider_ROCm(rocm);
                    break;
                }

                case "DmlExecutionProvider":
                    options.AppendExecutionProvider_DML(DeviceId(settings, "dml"));
                    break;
                case "CoreMLExecutionProvider":
                    options.AppendExecutionProvider("CoreML", settings);
                    break;
                case "XnnpackExecutionProvider":
                    options.AppendExecutionProvider("XNNPACK", settings);
                    break;
                case "QNNExecutionProvider":
                    options.AppendExecutionProvider("QNN", settings);
                    break;
                case "OpenVINOExecutionProvider":
                    options.AppendExecutionProvider("OpenVINO", settings);
                    break;
                default:
                    options.AppendExecutionProvider(name.Replace("ExecutionProvider", string.Empty, StringComparison.Ordinal), settings);
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

    /// <summary>The process-wide environment; from here on the native library can no longer be changed.</summary>
    private static int DeviceId(Dictionary<string, string> settings, string provider)
    {
        var unknown = settings.Keys.Where(k => k != "device_id").ToArray();
        if (unknown.Length > 0)
        {
            throw new FlopScopeException($"--provider-option: the {provider} provider takes only device_id, got {string.Join(", ", unknown)}.");
        }

        return !settings.TryGetValue("device_id", out var text) ? 0
            : int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var id) && id >= 0 ? id
            : throw new FlopScopeException($"--provider-option device_id={text}: not a device number.");
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
