namespace FlopScope.Hardware;

/// <summary>What limits a node's estimated time.</summary>
public enum Bound
{
    /// <summary>The node runs no kernel (view, metadata, folded constant).</summary>
    None,

    /// <summary>Arithmetic: FLOPs / attainable FLOP/s is the largest term.</summary>
    Compute,

    /// <summary>Memory traffic: bytes / attainable bandwidth is the largest term.</summary>
    Memory,

    /// <summary>The fixed per-kernel overhead exceeds both roofline terms.</summary>
    Overhead,
}
