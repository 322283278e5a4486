using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PropertyPortal.Web.Infrastructure.Idempotency;

/// <summary>
/// A form that has taken effect: the one-time key its page carried (per user), the path it was
/// posted to and the answer it got (the redirect to the payment, receipt, order …). Written in the
/// same transaction as what the form changed, so a key is stored exactly when its change is — a
/// repeated submit on any instance finds it and gets the same answer. Removed after
/// <c>Idempotency:KeyHours</c> by <see cref="IdempotencyKeysJob"/>.
/// </summary>
public sealed class IdempotencyKey
{
    public string UserId { get; set; } = "";

    public string Key { get; set; } = "";

    public string Path { get; set; } = "";

    /// <summary>Where the first submit was redirected (null only inside the transaction that is still running it).</summary>
    public string? Location { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }
}

internal sealed class IdempotencyKeyConfiguration : IEntityTypeConfiguration<IdempotencyKey>
{
    public void Configure(EntityTypeBuilder<IdempotencyKey> b)
    {
        b.HasKey(x => new { x.UserId, x.Key });
        b.Property(x => x.UserId).HasMaxLength(450);
        b.Property(x => x.Key).HasMaxLength(64);
        b.Property(x => x.Path).HasMaxLength(300);
        b.Property(x => x.Location).HasMaxLength(2000);
        b.HasIndex(x => x.ExpiresAt);
    }
}
