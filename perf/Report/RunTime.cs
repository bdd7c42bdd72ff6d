namespace Wireless.Perf.Report;

/// <summary>The median time of one whole run of a workload on one runner and device.</summary>
internal sealed record RunTime(string Workload, string Device, string Runner, double MedianNs, int Tasks);
