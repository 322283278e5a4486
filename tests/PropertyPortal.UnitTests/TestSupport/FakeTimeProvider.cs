namespace PropertyPortal.UnitTests.TestSupport;

/// <summary>A clock the test sets and moves (Microsoft.Extensions.TimeProvider.Testing is not available here).</summary>
public sealed class FakeTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; private set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public void Advance(TimeSpan by) => Now += by;
}
