namespace PropertyPortal.Web.Infrastructure.Idempotency;

public static class IdempotencySetup
{
    /// <summary>One-time form keys (ADR 0018): the filter behind [Idempotent], the tag helper's lookup and the key lifetime.</summary>
    public static IServiceCollection AddPortalIdempotency(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(IdempotencySettings.From(configuration));
        services.AddSingleton<IdempotencyFilter>();
        services.AddSingleton<IdempotentActions>();
        return services;
    }
}
