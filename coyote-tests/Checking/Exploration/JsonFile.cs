using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wireless.Checking.Exploration;

/// <summary>
/// The checker's files (bug traces, results of an exploration's parts): indented snake_case JSON, enums as words,
/// nulls left out; reading one that is missing, unreadable or not of the expected kind fails with a clear
/// <see cref="InvalidDataException"/>.
/// </summary>
public static class JsonFile
{
    private static readonly JsonSerializerOptions s_options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static void Save<T>(string path, T value)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, Serialize(value));
    }

    /// <summary>The text <see cref="Save"/> writes.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, s_options);

    /// <summary>Reads a <paramref name="kind"/> ("bug trace") whose format field <paramref name="format"/> must return <paramref name="expected"/>.</summary>
    public static T Load<T>(string path, string kind, Func<T, string?> format, string expected) where T : class
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"cannot read '{path}': {e.Message}");
        }
        T? value;
        try
        {
            value = JsonSerializer.Deserialize<T>(text, s_options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not a complete {kind} file: {e.Message}");
        }
        if (value is null || format(value) != expected) throw new InvalidDataException($"'{path}' is not a {kind} of format {expected}");
        return value;
    }
}
