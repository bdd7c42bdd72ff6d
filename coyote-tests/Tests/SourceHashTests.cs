using System.Security.Cryptography;
using System.Text;
using Xunit;

namespace Wireless.Checking.Tests;

/// <summary>
/// "runtime sources" in the checker's and perf's headers is a hash of the runtime's own sources (runtime/src, without
/// obj/ and bin/), so the figure can be checked against a tree and a Debug build (the checker) prints what a Release
/// build (perf) prints. It used to hash files generated under obj/Debug or obj/Release, and their paths.
/// </summary>
public sealed class SourceHashTests
{
    [Fact]
    public void The_checked_runtime_names_the_hash_of_its_own_sources()
    {
        var root = Path.Combine(ReadmeTests.RepositoryRoot(), "runtime", "src");
        var lines = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("obj/", StringComparison.Ordinal) && !f.StartsWith("bin/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => $"{Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(root, f))))} {f}");
        var manifest = string.Concat(lines.Select(l => l + "\n"));
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifest)));
        Assert.Equal(expected, BuildInfo.SourceHash);
    }
}
