using PropertyPortal.Domain.Common;

namespace PropertyPortal.Domain.Registry;

/// <summary>业主/租户: a person or a company, the head of a household.</summary>
public sealed class Customer : Entity, IPropertyScoped
{
    private Customer() { }

    public Customer(Guid propertyId, CustomerKind kind, string name, string? phone)
    {
        PropertyId = propertyId;
        Kind = kind;
        Name = Guard.Required(name, nameof(Name));
        SetPhones(phone, null);
        PreferredChannel = ContactChannel.Phone;
    }

    public Guid PropertyId { get; private set; }
    public CustomerKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    public IdDocumentType? IdDocumentType { get; private set; }
    public string? IdNumber { get; private set; }

    /// <summary>Digits only; <see cref="PhoneLast4"/> is kept beside it so "last four digits" search uses an index.</summary>
    public string? Phone { get; private set; }
    public string? PhoneLast4 { get; private set; }
    public string? Phone2 { get; private set; }
    public string? Phone2Last4 { get; private set; }
    public string? Email { get; private set; }
    public string? EmergencyContactName { get; private set; }
    public string? EmergencyContactPhone { get; private set; }
    public ContactChannel PreferredChannel { get; private set; }
    public string? Notes { get; private set; }

    /// <summary>
    /// The household asked for no SMS or e-mail from the office (退订). Service notices are sent on the
    /// preferred channel otherwise: the property-management contract is the consent; who recorded the
    /// opt-out (or the consent again), when and why is kept here and in the audit trail.
    /// </summary>
    public bool MessagesOptedOut { get; private set; }

    public DateTime? MessagesConsentChangedAt { get; private set; }
    public string? MessagesConsentChangedByName { get; private set; }
    public string? MessagesConsentNote { get; private set; }

    public string? MaskedIdNumber => Mask(IdNumber);

    public void Update(CustomerKind kind, string name, string? phone, string? phone2, string? email,
        IdDocumentType? idType, string? idNumber, string? emergencyName, string? emergencyPhone,
        ContactChannel preferredChannel, string? notes)
    {
        Kind = kind;
        Name = Guard.Required(name, nameof(Name));
        SetPhones(phone, phone2);
        Email = Guard.Optional(email);
        SetIdDocument(idType, idNumber);
        EmergencyContactName = Guard.Optional(emergencyName);
        EmergencyContactPhone = Registry.Phone.Normalize(emergencyPhone);
        PreferredChannel = preferredChannel;
        Notes = Guard.Optional(notes);
    }

    /// <summary>Records an opt-out (or consent again) with who, when and how it was asked for; a repeat changes nothing.</summary>
    public void SetMessagesConsent(bool optedOut, string? note, Actor by, DateTime nowUtc)
    {
        if (optedOut == MessagesOptedOut)
        {
            return;
        }

        MessagesOptedOut = optedOut;
        MessagesConsentChangedAt = nowUtc;
        MessagesConsentChangedByName = by.Name;
        MessagesConsentNote = Guard.Optional(note) is { Length: > 200 } text ? text[..200] : Guard.Optional(note);
    }

    public void SetPhones(string? phone, string? phone2)
    {
        Phone = Registry.Phone.Normalize(phone);
        PhoneLast4 = Registry.Phone.Last4(Phone);
        Phone2 = Registry.Phone.Normalize(phone2);
        Phone2Last4 = Registry.Phone.Last4(Phone2);
    }

    public void SetIdDocument(IdDocumentType? type, string? number)
    {
        var trimmed = Guard.Optional(number)?.ToUpperInvariant();
        IdDocumentType = trimmed is null ? null : type ?? Registry.IdDocumentType.IdCard;
        IdNumber = trimmed;
    }

    /// <summary>Shows the first 3 and last 4 characters: 110***********1234. Lists never show the full number.</summary>
    public static string? Mask(string? idNumber)
    {
        if (string.IsNullOrEmpty(idNumber))
        {
            return null;
        }

        if (idNumber.Length <= 4)
        {
            return new string('*', idNumber.Length);
        }

        var keepStart = idNumber.Length >= 10 ? 3 : 1;
        return string.Concat(idNumber.AsSpan(0, keepStart), new string('*', idNumber.Length - keepStart - 4), idNumber.AsSpan(idNumber.Length - 4));
    }
}
