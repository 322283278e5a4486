namespace PropertyPortal.Domain.Common;

/// <summary>
/// A business rule refused an operation. <see cref="Code"/> is a stable key the UI translates
/// (resource "Domain.{Code}"); <see cref="Message"/> is for logs.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(string code, string message) : base(message) => Code = code;

    public DomainException() : this("Unknown", "A business rule was violated.") { }

    public DomainException(string message) : this("Unknown", message) { }

    public DomainException(string message, Exception innerException) : base(message, innerException) => Code = "Unknown";

    public string Code { get; }
}
