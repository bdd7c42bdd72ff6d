namespace Wireless.Checking.Seam;

/// <summary>
/// Thrown into a runtime thread that is still running after its Coyote iteration ended, at its next shared access, so
/// it stops instead of touching the next iteration's state (see <see cref="CheckRun.CurrentOrNull"/>).
/// </summary>
internal sealed class StaleThreadException() : Exception("a runtime thread outlived its Coyote iteration");
