namespace FlopScope.Profiling;

/// <summary>Derives module paths from exporters' scoped node names: <c>/model.23/cv2.0/conv/Conv</c> is in module
/// <c>model.23</c> at depth 1 and <c>model.23/cv2.0</c> at depth 2.</summary>
public static class ModuleNames
{
    /// <summary>Name of the module of unscoped nodes.</summary>
    public const string Root = "(root)";

    /// <summary>The module of node <paramref name="nodeName"/> at <paramref name="depth"/>.</summary>
    public static string Of(string nodeName, int depth)
    {
        var parts = nodeName.Split('/', StringSplitOptions.RemoveEmptyEntries);
        // The last segment is the op's own name.
        return parts.Length <= 1 ? Root : string.Join("/", parts.Take(Math.Min(depth, parts.Length - 1)));
    }
}
