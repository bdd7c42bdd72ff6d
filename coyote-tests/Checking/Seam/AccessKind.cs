namespace Wireless.Checking.Seam;

/// <summary>The kind of a shared-memory access, as traces print it.</summary>
public enum AccessKind : byte
{
    Load,
    Store,
    CasSuccess,
    CasFailure,
    Exchange,
    FetchAdd,
    FetchOr,
}
