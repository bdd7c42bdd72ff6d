using System.Text.Json;
using Mono.Cecil;
using Mono.Cecil.Cil;

// Removes the call-site registrations that `coyote rewrite` (Coyote 1.7.11) puts at the top of every method of a
// rewritten assembly: `ldstr "<method name>"; call Operation.RegisterCallSite(string)`. At run time each one looks up
// the executing operation under Coyote's runtime lock and appends the method's name to a list that grows for the whole
// iteration. Coyote reads that list only for its execution-graph analysis (off here: CoyoteSettings) and for program-state
// hashing (on only with the Q-learning strategy, which this project does not use), so no schedule depends on it: the
// same seed gives the same interleavings with or without it. Measured on 2026-12-06 (perf/README.md, "Call-site
// registrations"): the registrations were 40 % of the bytes allocated per bounded schedule and about a quarter of its time.
//
// Usage: Wireless.StripCallSites <rewrite.coyote.json>   (the assemblies it names, in its AssembliesPath, are rewritten
// in place; their portable PDBs with them). Running it twice changes nothing the second time.

if (args.Length != 1 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("usage: Wireless.StripCallSites <rewrite.coyote.json> (the Coyote rewriting configuration)");
    return 2;
}

var configPath = Path.GetFullPath(args[0]);
using var config = JsonDocument.Parse(File.ReadAllText(configPath));
var folder = Path.Combine(Path.GetDirectoryName(configPath)!, config.RootElement.GetProperty("AssembliesPath").GetString() ?? ".");
foreach (var name in config.RootElement.GetProperty("Assemblies").EnumerateArray().Select(e => e.GetString()!))
{
    var path = Path.Combine(folder, name);
    var removed = Strip(path);
    Console.WriteLine($"{name}: {removed} Coyote call-site registration(s) removed");
}
return 0;

static int Strip(string path)
{
    var pdb = Path.ChangeExtension(path, ".pdb");
    var hasSymbols = File.Exists(pdb);
    // Read everything into memory first: the files are overwritten below.
    var module = ModuleDefinition.ReadModule(new MemoryStream(File.ReadAllBytes(path)), new ReaderParameters
    {
        ReadingMode = ReadingMode.Immediate,
        ReadSymbols = hasSymbols,
        SymbolStream = hasSymbols ? new MemoryStream(File.ReadAllBytes(pdb)) : null,
        SymbolReaderProvider = hasSymbols ? new PortablePdbReaderProvider() : null,
    });
    var removed = 0;
    foreach (var method in module.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody))
    {
        var il = method.Body.Instructions;
        for (var i = 1; i < il.Count; i++)
        {
            if (il[i].OpCode != OpCodes.Call || il[i].Operand is not MethodReference { Name: "RegisterCallSite" } callee
                || callee.DeclaringType.FullName != "Microsoft.Coyote.Runtime.Operation" || il[i - 1].OpCode != OpCodes.Ldstr)
                continue;
            // Both become nops in place, so no branch target moves and the sequence points stay where they were.
            il[i - 1].OpCode = OpCodes.Nop;
            il[i - 1].Operand = null;
            il[i].OpCode = OpCodes.Nop;
            il[i].Operand = null;
            removed++;
        }
    }
    if (removed == 0) return 0;
    // Written to memory first, so a failure leaves the rewritten files as they were.
    var assembly = new MemoryStream();
    var symbols = hasSymbols ? new MemoryStream() : null;
    module.Write(assembly, new WriterParameters
    {
        WriteSymbols = hasSymbols,
        SymbolStream = symbols,
        SymbolWriterProvider = hasSymbols ? new PortablePdbWriterProvider() : null,
    });
    File.WriteAllBytes(path, assembly.ToArray());
    if (symbols is not null) File.WriteAllBytes(pdb, symbols.ToArray());
    return removed;
}
