namespace Incidents.Application.Common.Exceptions;

/// <summary>The thing does not exist or the caller may not know it exists: both answer 404.</summary>
public sealed class NotFoundException : Exception
{
    public NotFoundException()
        : base("Not found.")
    {
    }

    public NotFoundException(string message)
        : base(message)
    {
    }

    public NotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
