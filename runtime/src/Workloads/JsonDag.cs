using System.Globalization;
using System.Text.Json;
using Wireless.Orchestration;

namespace Wireless.Workloads;

/// <summary>
/// A workload read from a JSON file: a hand-written DAG for examples and error-handling tests (not a seed
/// benchmark; dependency discovery as in seed-design §2.3). Format:
/// <code>
/// { "name": "diamond",
///   "tasks": [ { "shape": "AIC", "kernel_ns": 2000 },
///              { "shape": "AIV", "deps": [0] },
///              { "shape": "AIV", "deps": [0] },
///              { "shape": "MIX", "deps": [1, 2], "kernel_ns": 500 } ] }
/// </code>
/// Per task: <c>shape</c> (required: AIC, AIV or MIX), <c>kernel_ns</c> (≥ 0, default
/// <see cref="DefaultKernelNs"/>), <c>deps</c> (indices of earlier tasks; duplicates are merged), <c>args</c>
/// (<c>[{"tensor": "x", "offset": 0, "length": 64, "dir": "in" | "out" | "inout"}]</c> on named external tensors,
/// each sized to the largest offset + length used; "out" is OUTPUT_EXISTING; the TensorMap finds the resulting
/// dependencies), <c>name</c> (used in error messages; default <c>tasks[i]</c>) and <c>fault</c>
/// (<c>"throw"</c> or <c>"hang"</c>: an injected kernel fault). All tasks are submitted in file order in one auto
/// scope. Unknown properties are rejected so that typos are caught; every error is a
/// <see cref="RuntimeErrorException"/> naming the source, the task and the problem.
/// </summary>
/// <remarks>
/// Only read-after-write and write-after-write ordering is discovered from <c>args</c> (as in the seed): a task that
/// writes a region another task only reads ("in") is not ordered after that reader unless a dep says so.
/// </remarks>
public sealed class JsonDag : Workload
{
    /// <summary>Kernel duration of a task without <c>kernel_ns</c>.</summary>
    public const long DefaultKernelNs = 1000;

    /// <summary>Largest external tensor a file may declare, in elements.</summary>
    public const int MaxTensorElements = 1 << 24;

    private static readonly string[] TopLevelProperties = ["name", "tasks"];
    private static readonly string[] TaskProperties = ["name", "shape", "kernel_ns", "deps", "args", "fault"];
    private static readonly string[] ArgProperties = ["tensor", "offset", "length", "dir"];

    private readonly string _name;
    private readonly JsonTask[] _tasks;

    private JsonDag(string name, JsonTask[] tasks, List<(string Name, int Length)> tensors, List<PendingArg> args)
    {
        _name = name;
        foreach (var (tensorName, length) in tensors) Globals.Declare(tensorName, length);
        _tasks = tasks;
        foreach (var task in tasks)
        {
            for (var i = 0; i < task.Args.Length; i++)
            {
                var pending = args[task.FirstPendingArg + i];
                task.Args[i] = (Globals[pending.Tensor].View(pending.Offset, pending.Length), pending.Direction);
            }
        }
    }

    public override string Name => _name;

    public override int TaskCount => _tasks.Length;

    /// <summary>Reads and parses a JSON DAG file.</summary>
    public static JsonDag Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new RuntimeErrorException($"cannot read workload file '{path}': {e.Message}");
        }
        return Parse(text, path);
    }

    /// <summary>Parses a JSON DAG; <paramref name="sourceName"/> (a file name) prefixes every error message.</summary>
    public static JsonDag Parse(string json, string sourceName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            var detail = e.Message;
            var cut = detail.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut >= 0) detail = detail[..cut];
            throw new RuntimeErrorException($"{sourceName}: malformed JSON at line {line}, column {column}: {detail}");
        }
        using (document)
        {
            return new Parser(sourceName).Parse(document.RootElement);
        }
    }

    /// <summary>The tasks that inject a kernel fault (<c>"fault"</c>), as "name: throw" or "name: hang".</summary>
    public IReadOnlyList<string> Faults => [.. _tasks.Where(t => t.Fault != KernelFault.None).Select(t => $"{t.Name}: {t.Fault.ToString().ToLowerInvariant()}")];

    public override void Orchestrate(IOrchestrator o)
    {
        var ids = new TaskId[_tasks.Length];
        o.BeginScope();
        for (var i = 0; i < _tasks.Length; i++)
        {
            var task = _tasks[i];
            var t = o.NewTask(Kernel.Generic, task.Shape).Named(task.Name).Duration(task.KernelNs).WithFault(task.Fault);
            foreach (var dep in task.Deps) t.Dep(ids[dep]);
            foreach (var (tensor, direction) in task.Args)
            {
                switch (direction)
                {
                    case ArgDirection.In: t.In(tensor); break;
                    case ArgDirection.InOut: t.InOut(tensor); break;
                    default: t.OutputExisting(tensor); break;
                }
            }
            ids[i] = o.Submit(t);
        }
        o.EndScope();
    }

    private sealed class JsonTask
    {
        public required string Name { get; init; }
        public required Shape Shape { get; init; }
        public required long KernelNs { get; init; }
        public required KernelFault Fault { get; init; }
        public required int[] Deps { get; init; }
        public required (Tensor Tensor, ArgDirection Direction)[] Args { get; init; }
        public required int FirstPendingArg { get; init; }
    }

    private readonly record struct PendingArg(string Tensor, int Offset, int Length, ArgDirection Direction);

    /// <summary>Walks the document, validating as it goes; every error names where it is.</summary>
    private sealed class Parser(string source)
    {
        private readonly List<(string Name, int Length)> _tensors = [];
        private readonly Dictionary<string, int> _tensorIndex = new(StringComparer.Ordinal);
        private readonly List<PendingArg> _args = [];

        public JsonDag Parse(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
                throw Error($"the top level must be an object with a \"tasks\" array (got {Describe(root.ValueKind)})");
            CheckProperties(root, TopLevelProperties, "the top-level object");

            var name = Path.GetFileNameWithoutExtension(source);
            if (string.IsNullOrEmpty(name)) name = source;
            if (root.TryGetProperty("name", out var nameElement)) name = NonEmptyString(nameElement, "\"name\"");

            if (!root.TryGetProperty("tasks", out var tasksElement))
                throw Error("missing \"tasks\": a workload needs a non-empty \"tasks\" array");
            if (tasksElement.ValueKind != JsonValueKind.Array)
                throw Error($"\"tasks\" must be an array (got {Describe(tasksElement.ValueKind)})");
            var count = tasksElement.GetArrayLength();
            if (count == 0) throw Error("\"tasks\" is empty: a workload needs at least one task");

            var tasks = new JsonTask[count];
            var index = 0;
            foreach (var element in tasksElement.EnumerateArray())
            {
                tasks[index] = ParseTask(element, index, count);
                index++;
            }
            return new JsonDag(name, tasks, _tensors, _args);
        }

        private JsonTask ParseTask(JsonElement e, int index, int count)
        {
            var where = $"tasks[{index}]";
            if (e.ValueKind != JsonValueKind.Object) throw Error($"{where} must be an object (got {Describe(e.ValueKind)})");

            var name = where;
            if (e.TryGetProperty("name", out var nameElement)) name = NonEmptyString(nameElement, $"{where}.name");
            var who = name == where ? where : $"{where} ('{name}')";
            CheckProperties(e, TaskProperties, who);

            if (!e.TryGetProperty("shape", out var shapeElement))
                throw Error($"{who} has no \"shape\" (known shapes: AIC, AIV, MIX)");
            if (shapeElement.ValueKind != JsonValueKind.String || !TryParseShape(shapeElement.GetString()!, out var shape))
                throw Error($"{who} has unknown shape {Shown(shapeElement)} (known shapes: AIC, AIV, MIX)");

            var kernelNs = DefaultKernelNs;
            if (e.TryGetProperty("kernel_ns", out var nsElement))
            {
                if (nsElement.ValueKind != JsonValueKind.Number || !nsElement.TryGetInt64(out kernelNs))
                    throw Error($"{who}: \"kernel_ns\" must be a non-negative integer number of nanoseconds (got {nsElement.GetRawText()})");
                if (kernelNs < 0) throw Error($"{who}: \"kernel_ns\" is negative ({kernelNs}); kernel durations must be >= 0 ns");
            }

            var fault = KernelFault.None;
            if (e.TryGetProperty("fault", out var faultElement))
            {
                switch (faultElement.ValueKind == JsonValueKind.String ? faultElement.GetString()!.ToLowerInvariant() : null)
                {
                    case "none": fault = KernelFault.None; break;
                    case "throw": fault = KernelFault.Throw; break;
                    case "hang": fault = KernelFault.Hang; break;
                    default: throw Error($"{who} has unknown fault {Shown(faultElement)} (known faults: \"throw\", \"hang\", \"none\")");
                }
            }

            var deps = Array.Empty<int>();
            if (e.TryGetProperty("deps", out var depsElement))
            {
                if (depsElement.ValueKind != JsonValueKind.Array)
                    throw Error($"{who}: \"deps\" must be an array of task indices (got {Describe(depsElement.ValueKind)})");
                var list = new List<int>(depsElement.GetArrayLength());
                foreach (var d in depsElement.EnumerateArray())
                {
                    if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt64(out var dep))
                        throw Error($"{who}: \"deps\" must hold integer task indices (got {d.GetRawText()})");
                    if (dep == index) throw Error($"{who} depends on itself (deps: {index})");
                    if (dep < 0 || dep >= count)
                        throw Error($"{who} depends on unknown task index {dep}; the file has {count} tasks (indices 0..{count - 1})");
                    if (dep > index)
                        throw Error($"{who} depends on tasks[{dep}], which comes later; deps must name earlier tasks (the DAG is submitted in file order)");
                    if (!list.Contains((int)dep)) list.Add((int)dep);
                }
                deps = [.. list];
            }

            var firstArg = _args.Count;
            var argCount = 0;
            if (e.TryGetProperty("args", out var argsElement))
            {
                if (argsElement.ValueKind != JsonValueKind.Array)
                    throw Error($"{who}: \"args\" must be an array of tensor arguments (got {Describe(argsElement.ValueKind)})");
                foreach (var a in argsElement.EnumerateArray())
                {
                    _args.Add(ParseArg(a, $"{who} args[{argCount}]"));
                    argCount++;
                }
            }

            return new JsonTask
            {
                Name = name, Shape = shape, KernelNs = kernelNs, Fault = fault, Deps = deps,
                Args = new (Tensor, ArgDirection)[argCount], FirstPendingArg = firstArg,
            };
        }

        private PendingArg ParseArg(JsonElement a, string where)
        {
            if (a.ValueKind != JsonValueKind.Object) throw Error($"{where} must be an object (got {Describe(a.ValueKind)})");
            CheckProperties(a, ArgProperties, where);

            if (!a.TryGetProperty("tensor", out var tensorElement)) throw Error($"{where} has no \"tensor\" name");
            var tensor = NonEmptyString(tensorElement, $"{where}.tensor");

            if (!a.TryGetProperty("dir", out var dirElement)) throw Error($"{where} has no \"dir\" (known: \"in\", \"out\", \"inout\")");
            ArgDirection direction;
            switch (dirElement.ValueKind == JsonValueKind.String ? dirElement.GetString()!.ToLowerInvariant() : null)
            {
                case "in": direction = ArgDirection.In; break;
                case "inout": direction = ArgDirection.InOut; break;
                case "out": direction = ArgDirection.OutputExisting; break;
                default: throw Error($"{where} has unknown dir {Shown(dirElement)} (known: \"in\", \"out\", \"inout\")");
            }

            var offset = 0L;
            if (a.TryGetProperty("offset", out var offsetElement)) offset = Integer(offsetElement, $"{where}.offset");
            if (offset < 0) throw Error($"{where}: \"offset\" is negative ({offset}); offsets must be >= 0");

            if (!a.TryGetProperty("length", out var lengthElement)) throw Error($"{where} has no \"length\" (elements, >= 1)");
            var length = Integer(lengthElement, $"{where}.length");
            if (length < 0) throw Error($"{where}: \"length\" is negative ({length}); lengths must be >= 1");
            if (length == 0) throw Error($"{where}: \"length\" is 0; lengths must be >= 1");
            if (offset + length > MaxTensorElements)
                throw Error($"{where}: tensor '{tensor}' region [{offset}, {offset + length}) exceeds the largest supported tensor ({MaxTensorElements} elements)");

            var end = (int)(offset + length);
            if (_tensorIndex.TryGetValue(tensor, out var ti))
            {
                if (_tensors[ti].Length < end) _tensors[ti] = (tensor, end);
            }
            else
            {
                _tensorIndex[tensor] = _tensors.Count;
                _tensors.Add((tensor, end));
            }
            return new PendingArg(tensor, (int)offset, (int)length, direction);
        }

        private void CheckProperties(JsonElement e, string[] known, string where)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in e.EnumerateObject())
            {
                if (Array.IndexOf(known, p.Name) < 0)
                    throw Error($"{where} has unknown property {Quote(p.Name)} (known: {string.Join(", ", known.Select(Quote))})");
                if (!seen.Add(p.Name)) throw Error($"{where} has property {Quote(p.Name)} twice");
            }
        }

        private long Integer(JsonElement e, string where)
        {
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt64(out var value))
                throw Error($"{where} must be an integer (got {e.GetRawText()})");
            return value;
        }

        private string NonEmptyString(JsonElement e, string where)
        {
            if (e.ValueKind != JsonValueKind.String) throw Error($"{where} must be a string (got {e.GetRawText()})");
            var s = e.GetString()!;
            if (s.Length == 0) throw Error($"{where} must not be empty");
            return s;
        }

        private static bool TryParseShape(string text, out Shape shape)
        {
            switch (text.ToUpperInvariant())
            {
                case "AIC": shape = Shape.AIC; return true;
                case "AIV": shape = Shape.AIV; return true;
                case "MIX": shape = Shape.MIX; return true;
                default: shape = default; return false;
            }
        }

        private static string Describe(JsonValueKind kind) => kind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            JsonValueKind.Null => "null",
            _ => kind.ToString().ToLower(CultureInfo.InvariantCulture),
        };

        private static string Quote(string s) => $"\"{s}\"";

        /// <summary>A value as written in the file (strings quoted, JSON-escaped).</summary>
        private static string Shown(JsonElement e) => e.GetRawText();

        private RuntimeErrorException Error(string message) => new($"{source}: {message}");
    }
}
