using FlopScope.Errors;
using FlopScope.Operators;

namespace FlopScope.Profiling;

/// <summary>Options of a profile: input sizes and counting convention. Every member has a documented default.</summary>
public sealed record ProfileOptions
{
    /// <summary>Height and width of image inputs (rank-4 NCHW or NHWC). Default: null, meaning the model's own static
    /// size, or 640x640 where H and W are dynamic (as Ultralytics does).</summary>
    public (long Height, long Width)? ImageSize { get; init; }

    /// <summary>Batch size applied to dimension 0 of every input. Default: null, meaning the model's own batch, or 1
    /// where it is dynamic.</summary>
    public long? Batch { get; init; }

    /// <summary>Values of named symbolic dimensions, e.g. <c>sequence = 128</c>. Default: none.</summary>
    public IReadOnlyDictionary<string, long> Dims { get; init; } = new Dictionary<string, long>();

    /// <summary>Whole shapes of named inputs, overriding everything else for them. Default: none.</summary>
    public IReadOnlyDictionary<string, long[]> InputShapes { get; init; } = new Dictionary<string, long[]>();

    /// <summary>Counting convention of the headline figures. Default: <see cref="CountingConvention.Default"/>.</summary>
    public CountingConvention Convention { get; init; } = CountingConvention.Default;

    /// <summary>Depth of the per-module aggregation (1: <c>model.23</c>; 2: <c>model.23/cv2.0</c>). Default: 1.</summary>
    public int ModuleDepth { get; init; } = 1;

    /// <summary>Precision the memory figures are computed at (floating-point tensors take its width). Default: null,
    /// the model's own element types.</summary>
    public Hardware.Precision? Precision { get; init; }

    /// <summary>For a static export asked at another batch or image size: profile at the stored shape and scale every
    /// node's costs by the batch and spatial-area ratios (as Ultralytics does), labelled as scaled. Default: false, where
    /// a static export that cannot take the requested size is an error that says so.</summary>
    public bool Rescale { get; init; }

    /// <summary>Handlers to use. Default: <see cref="OperatorRegistry.CreateDefault"/>.</summary>
    public OperatorRegistry? Registry { get; init; }

    /// <summary>Throws <see cref="FlopScopeException"/> when an option is out of range.</summary>
    public void Validate()
    {
        if (ImageSize is { } size && (size.Height <= 0 || size.Width <= 0))
        {
            throw new FlopScopeException($"Image size must be positive, got {size.Height}x{size.Width}.");
        }

        if (Batch is <= 0)
        {
            throw new FlopScopeException($"Batch size must be positive, got {Batch}.");
        }

        foreach (var (name, value) in Dims)
        {
            if (value < 0)
            {
                throw new FlopScopeException($"Dimension '{name}' must not be negative, got {value}.");
            }
        }

        foreach (var (name, shape) in InputShapes)
        {
            if (shape.Any(d => d < 0))
            {
                throw new FlopScopeException($"Shape of input '{name}' must not have negative dimensions.");
            }
        }

        if (ModuleDepth < 1)
        {
            throw new FlopScopeException($"Module depth must be at least 1, got {ModuleDepth}.");
        }
    }
}
