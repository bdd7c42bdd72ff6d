namespace Wireless.Checking.Exploration;

/// <summary>A bug trace whose content does not match its checksum (<see cref="BugTrace.Checksum"/>): edited or damaged.</summary>
public sealed class DamagedTraceException(string message) : Exception(message);
