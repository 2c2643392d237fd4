using FlopScope.Kernels;

namespace FlopScope.Runtime.Calibration;

/// <summary>
/// Parameters of a fit that its observations cannot tell apart and that are therefore tied to one that they can: a
/// class in <see cref="TiedMemory"/> takes the memory efficiency of the class it maps to instead of a free one.
/// </summary>
/// <param name="TiedMemory">Class -> the class whose memory efficiency it takes (the source must not be tied itself).</param>
public sealed record FitConstraints(IReadOnlyDictionary<KernelClass, KernelClass> TiedMemory)
{
    /// <summary>
    /// Dense and depthwise convolutions stream their input, weights and output at the device's streaming efficiency,
    /// the memory efficiency of the elementwise class (measured by the Add probes). Their own probes (and most of a
    /// model's convolutions) are compute-bound, so a free memory efficiency is not identified by them: left free, the
    /// fit used it to explain small convolutions' fixed costs (0.05 on the development machine) and then charged the
    /// large-activation 1x1 convolutions of MobileNets twice their measured time.
    /// </summary>
    public static FitConstraints Streaming { get; } = new(new Dictionary<KernelClass, KernelClass>
    {
        [KernelClass.Conv] = KernelClass.Elementwise,
        [KernelClass.DepthwiseConv] = KernelClass.Elementwise,
    });
}
