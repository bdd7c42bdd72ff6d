using Wireless.Spec.Model;

namespace Wireless.Spec.Tests;

/// <summary>The model speaks the runtime's vocabulary: its action names are the runtime's <c>SpecAction</c> names.</summary>
public sealed class NamingTests
{
    [Fact]
    public void Every_model_action_is_a_runtime_action()
    {
        // The runtime's Wireless.Memory.SpecAction (the model does not reference the runtime, so the names are listed here).
        string[] runtime =
        [
            "Allocate", "StampLastConsumer", "PrepareTask", "PublishTask", "AllocTensors", "EndScope", "OrchestrationDone",
            "DrainWiring", "Classify", "RegisterWake", "ReadyPush", "Dispatch", "PollCore", "Complete", "CloseWakeList",
            "AdvanceWatermark", "Reclaim", "Idle", "CoreAck", "RunKernel", "CoreFinish", "Gate", "Abort",
        ];
        Assert.Empty(Enum.GetNames<SpecAction>().Except(runtime));
    }
}
