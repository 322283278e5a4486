using Microsoft.Extensions.Options;

namespace PropertyPortal.Web.Features.Notifications;

/// <summary>The outbox, its channels and the checks of their configuration at start-up.</summary>
public static class MessagingSetup
{
    public static IServiceCollection AddPortalMessaging(this IServiceCollection services)
    {
        services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MessagingOptions>, MessagingOptionsValidator>();
        services.AddSingleton<NotificationChannels>();
        services.AddSingleton<ChannelRateLimits>();
        services.AddScoped<MessageRenderer>();
        services.AddScoped<OutboxDispatcher>();

        services.AddScoped<INotificationChannel, InAppChannel>();
        services.AddScoped<INotificationChannel, EmailChannel>();
        services.AddScoped<INotificationChannel, SmsChannel>();
        services.AddHttpClient<WeChatWorkChannel>();
        services.AddScoped<INotificationChannel>(sp => sp.GetRequiredService<WeChatWorkChannel>());

        // SMS providers: one adapter each, chosen by Notifications:Sms:Provider.
        services.AddHttpClient<AliyunSmsProvider>();
        services.AddTransient<ISmsProvider>(sp => sp.GetRequiredService<AliyunSmsProvider>());
        services.AddSingleton(new SmsProviderRegistration(AliyunSmsProvider.ProviderName));
        return services;
    }
}
