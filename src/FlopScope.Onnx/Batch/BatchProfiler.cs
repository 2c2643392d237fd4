using FlopScope.Errors;
using FlopScope.Profiling;

namespace FlopScope.Onnx.Batch;

/// <summary>One model of a batch: its profile, or why it has none.</summary>
/// <param name="Path">The model file.</param>
/// <param name="Report">The profile, or null when it failed.</param>
/// <param name="Error">One line saying why it failed, or null.</param>
/// <param name="Internal">True when the failure is a bug in FlopScope rather than bad input.</param>
/// <param name="Symbols">The symbolic dimensions of the model's inputs (empty when it could not be read).</param>
public sealed record BatchItem(string Path, ProfileReport? Report, string? Error, bool Internal = false, IReadOnlyList<string>? Symbols = null);

/// <summary>Profiles many models in parallel across cores. A model that fails is named with its one-line reason and
/// the others go on.</summary>
public static class BatchProfiler
{
    /// <summary>Profiles <paramref name="paths"/> with <paramref name="options"/> on up to <paramref name="jobs"/>
    /// threads; results in the order of <paramref name="paths"/>. Each --dim binds the models that declare it (see
    /// <see cref="UnusedDims"/> for names no model declares).</summary>
    public static IReadOnlyList<BatchItem> Profile(IReadOnlyList<string> paths, ProfileOptions options, int jobs, CancellationToken cancellationToken = default)
    {
        var results = new BatchItem[paths.Count];
        Parallel.For(0, paths.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs), CancellationToken = cancellationToken },
            i => results[i] = One(paths[i], options));
        return results;
    }

    /// <summary>Profiles one model; bad input becomes the item's error instead of ending the batch.</summary>
    public static BatchItem One(string path, ProfileOptions options)
    {
        if (ModelFiles.NothingUnder(path) is { } nothing)
        {
            return new BatchItem(path, null, nothing);
        }

        try
        {
            // --dim applies to the models that declare the dimension: a zoo mixes image and text models.
            // A summary row reports stored parameters, not unique ones: no weight bytes are compared (or read).
            var model = OnnxModel.Load(path, findTiedTensors: false);
            var symbols = InputBinder.Symbols(model.Model.Graph);
            var own = options with { Dims = options.Dims.Where(d => symbols.Contains(d.Key, StringComparer.Ordinal)).ToDictionary(d => d.Key, d => d.Value) };
            return new BatchItem(path, model.Profile(own), null, Symbols: symbols);
        }
        catch (Exception e) when (e is FlopScopeException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return new BatchItem(path, null, e.Message.ReplaceLineEndings(" "));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug must not hide the other models' figures; it is still named as one (exit 3).
            return new BatchItem(path, null, $"internal error (a bug in flopscope, please report it): {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}", Internal: true);
        }
    }

    /// <summary>The --dim names that no readable model of <paramref name="items"/> declares: errors, as for one model.</summary>
    public static IReadOnlyList<string> UnusedDims(IReadOnlyList<BatchItem> items, ProfileOptions options) =>
        options.Dims.Keys.Where(k => !items.Any(i => i.Symbols?.Contains(k, StringComparer.Ordinal) == true)).ToList();
}
