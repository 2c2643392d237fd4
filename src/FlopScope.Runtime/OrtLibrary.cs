using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using FlopScope.Errors;
using Microsoft.ML.OnnxRuntime;

namespace FlopScope.Runtime;

/// <summary>
/// Which native ONNX Runtime library the managed binding calls: the one bundled with FlopScope (CPU provider only), or
/// one the user points at (a CUDA/TensorRT build, JetPack's build on a Jetson, OpenVINO, QNN...). The choice goes
/// through the .NET native-library resolver of the Microsoft.ML.OnnxRuntime assembly, so it must be made before the
/// first ONNX Runtime call of the process.
/// </summary>
public static class OrtLibrary
{
    /// <summary>Environment variable naming a native ONNX Runtime library, used when no path is given explicitly.</summary>
    public const string EnvironmentVariable = "FLOPSCOPE_ORT_LIBRARY";

    private static readonly Lock Gate = new();
    private static string? _chosen;
    private static IntPtr _handle;
    private static bool _used;

    /// <summary>The library path chosen with <see cref="Use"/>, or null for the bundled one.</summary>
    public static string? Chosen
    {
        get
        {
            lock (Gate)
            {
                return _chosen;
            }
        }
    }

    /// <summary>The file of the library in use: the chosen one, else the bundled one found in the application's
    /// native search folders, else "bundled".</summary>
    public static string Location => Chosen ?? Bundled() ?? "bundled";

    /// <summary>The ONNX Runtime API version (= minor version) the managed binding asks the native library for.</summary>
    public static int RequiredApiVersion { get; } = ManagedMinorVersion();

    /// <summary>
    /// Uses the library at <paramref name="path"/>, or (when null or empty) the one <see cref="EnvironmentVariable"/>
    /// names, or (when that is unset) the bundled one. Checks that the file is a loadable native library, that it is
    /// ONNX Runtime (exports <c>OrtGetApiBase</c>), and that its version offers the API the managed binding needs.
    /// </summary>
    /// <returns>The path used, or null for the bundled library.</returns>
    /// <exception cref="FlopScopeException">Not a library, not ONNX Runtime, too old, or chosen after ONNX Runtime was
    /// already used in this process.</exception>
    public static string? Use(string? path)
    {
        var source = "--ort-library";
        if (string.IsNullOrEmpty(path))
        {
            path = Environment.GetEnvironmentVariable(EnvironmentVariable);
            source = EnvironmentVariable;
        }

        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        var full = System.IO.Path.GetFullPath(path);
        lock (Gate)
        {
            if (_chosen == full)
            {
                return full;
            }

            if (_chosen is not null || _used)
            {
                throw new FlopScopeException($"{source}: ONNX Runtime is already loaded in this process ({Location}); choose the library before the first run.");
            }

            if (!File.Exists(full))
            {
                throw new FlopScopeException($"{source}: '{full}' does not exist.");
            }

            IntPtr handle;
            try
            {
                handle = NativeLibrary.Load(full);
            }
            catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
            {
                throw new FlopScopeException($"{source}: '{full}' is not a loadable native library ({FirstLine(e.Message)}).");
            }

            var version = VersionOf(handle, full, source);
            Check(version, full, source);
            try
            {
                NativeLibrary.SetDllImportResolver(typeof(OrtEnv).Assembly, Resolve);
            }
            catch (InvalidOperationException)
            {
                throw new FlopScopeException($"{source}: another native-library resolver is already set for ONNX Runtime in this process.");
            }

            _handle = handle;
            _chosen = full;
            return full;
        }
    }

    /// <summary>Throws when a library of version <paramref name="version"/> (e.g. 1.18.0) lacks the API version the
    /// managed binding needs (ONNX Runtime keeps older API versions in newer libraries, never the other way).</summary>
    /// <exception cref="FlopScopeException">Too old, or not a version string.</exception>
    public static void Check(string version, string path, string source = "--ort-library")
    {
        ArgumentNullException.ThrowIfNull(version);
        var parts = version.Split('.', '-', '+');
        if (parts.Length < 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var major) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var minor))
        {
            throw new FlopScopeException($"{source}: '{path}' reports version '{version}', not an ONNX Runtime 1.x version.");
        }

        if (major < 1 || (major == 1 && minor < RequiredApiVersion))
        {
            throw new FlopScopeException($"{source}: '{path}' is ONNX Runtime {version}, incompatible: this flopscope's binding needs ONNX Runtime 1.{RequiredApiVersion} or newer (API version {RequiredApiVersion}).");
        }
    }

    /// <summary>Marks ONNX Runtime as used, so that a later <see cref="Use"/> is refused instead of silently ignored.</summary>
    internal static void MarkUsed()
    {
        lock (Gate)
        {
            _used = true;
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name is "onnxruntime" or "libonnxruntime" or "onnxruntime.dll" or "libonnxruntime.so" or "libonnxruntime.dylib" ? _handle : IntPtr.Zero;

    private static unsafe string VersionOf(IntPtr handle, string path, string source)
    {
        if (!NativeLibrary.TryGetExport(handle, "OrtGetApiBase", out var export))
        {
            NativeLibrary.Free(handle);
            throw new FlopScopeException($"{source}: '{path}' is a native library but not ONNX Runtime (no OrtGetApiBase export).");
        }

        // OrtApiBase is { GetApi, GetVersionString }: read the version without asking for an API version, because an
        // old library prints its refusal of a newer one to stderr.
        var apiBase = ((delegate* unmanaged<IntPtr>)export)();
        var getVersion = (delegate* unmanaged<IntPtr>)Marshal.ReadIntPtr(apiBase, IntPtr.Size);
        return Marshal.PtrToStringUTF8(getVersion()) ?? string.Empty;
    }

    private static int ManagedMinorVersion()
    {
        var text = typeof(OrtEnv).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(OrtEnv).Assembly.GetName().Version?.ToString() ?? "1.0";
        var parts = text.Split('.', '-', '+');
        return parts.Length > 1 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var minor) ? minor : 0;
    }

    private static string? Bundled()
    {
        var name = OperatingSystem.IsWindows() ? "onnxruntime.dll" : OperatingSystem.IsMacOS() ? "libonnxruntime.dylib" : "libonnxruntime.so";
        var folders = (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") as string ?? string.Empty)
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return folders.Select(f => System.IO.Path.Combine(f, name)).FirstOrDefault(File.Exists) is { } found ? System.IO.Path.GetFullPath(found) : null;
    }

    /// <summary>The loader's own words (dlerror: "invalid ELF header"), without .NET's advice around them.</summary>
    private static string FirstLine(string message)
    {
        var text = message.ReplaceLineEndings(" ").Trim();
        var at = text.LastIndexOf("variable:", StringComparison.Ordinal);
        return at >= 0 ? text[(at + "variable:".Length)..].Trim() : text;
    }
}
