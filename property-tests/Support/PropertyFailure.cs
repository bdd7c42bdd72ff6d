namespace Wireless.Properties;

/// <summary>A property does not hold for a case; the message says how, in words.</summary>
public sealed class PropertyFailure(string message) : Exception(message);
