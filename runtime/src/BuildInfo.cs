using System.Reflection;

namespace Wireless;

/// <summary>
/// The commit and the hash of the runtime's sources this assembly was built from (stamped at build time), so that
/// explorations and performance runs can say which code they checked or measured.
/// </summary>
public static class BuildInfo
{
    public static string Commit => Metadata("SourceCommit") ?? "unknown";
    public static string SourceHash => Metadata("RuntimeSourceHash") ?? "unknown";

    /// <summary>"commit abc1234, runtime sources 9f8e7d6c".</summary>
    public static string Describe() => $"commit {Short(Commit)}, runtime sources {Short(SourceHash)}";

    private static string Short(string s) => s.Length > 12 ? s[..12] : s;

    private static string? Metadata(string key)
        => typeof(BuildInfo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;
}
