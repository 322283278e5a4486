namespace PropertyPortal.IntegrationTests.Infrastructure;

/// <summary>
/// The portal's clock in integration tests: real time plus an offset the test moves, so a test can
/// jump past a deadline ("15 minutes later") while sign-in cookies and antiforgery keep working.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow.AddTicks(Interlocked.Read(ref _offsetTicks));

    public DateTime UtcNow => GetUtcNow().UtcDateTime;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    /// <summary>Moves the clock so that "now" is <paramref name="utc"/> (and keeps running from there).</summary>
    public void Set(DateTime utc) => Interlocked.Exchange(ref _offsetTicks, (DateTime.SpecifyKind(utc, DateTimeKind.Utc) - DateTime.UtcNow).Ticks);
}
