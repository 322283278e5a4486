namespace PropertyPortal.Domain.Registry;

public enum PropertyKind { Residential, Office, Commercial }

public enum UnitType { Residence, Office, Shop, Parking, Storage, Other }

public enum UnitStatus { Vacant, Occupied, UnderRenovation }

public enum CustomerKind { Person, Company }

public enum IdDocumentType { IdCard, Passport, HomeReturnPermit, BusinessLicence, Other }

public enum ContactChannel { Phone, Sms, WeChat, Email, Letter }

public enum OccupancyRole { Owner, Tenant }

public enum KeyStatus { Held, Lent, Returned }

/// <summary>What the counter's receipt printer takes: a third of an A4 sheet, or the 241 mm continuous three-part form of a dot-matrix printer.</summary>
public enum ReceiptPaper { ThirdOfA4, Continuous241 }
