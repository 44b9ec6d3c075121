using Microsoft.Extensions.Logging;

namespace Incidents.Application.Common;

/// <summary>
/// Asks the job runner for work after a commit. The rows are already the truth, so a request that fails is only
/// logged: the reconciler re-asks for every row that is owed and due.
/// </summary>
public static class JobRequests
{
    public static void Try(ILogger logger, IEnumerable<Action> requests)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(requests);
        foreach (var request in requests)
        {
            try
            {
                request();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not hand work to the job runner; the reconciler will pick it up");
            }
        }
    }
}
