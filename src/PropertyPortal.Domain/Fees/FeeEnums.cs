namespace PropertyPortal.Domain.Fees;

/// <summary>How a fee item turns into a unit's monthly charge.</summary>
public enum FeeKind
{
    /// <summary>Rate × the unit's area in m² (物业管理费).</summary>
    PerArea,

    /// <summary>A fixed amount per unit, optionally only units of one type (a parking space, 车位管理费).</summary>
    PerUnit,

    /// <summary>Rate × consumption between this month's and last month's meter readings (水费、电费).</summary>
    Metered,

    /// <summary>Charged once, by hand or by another workflow (有偿维修, 装修垃圾清运费). Not billed monthly.</summary>
    OneOff,

    /// <summary>Money held and returned later (装修保证金): in the ledger, never counted as income.</summary>
    Deposit,
}

public enum MeterKind { Water, Electricity, Gas }

public enum PaymentMethod { Cash, Cheque, Transfer, WeChatPay, Alipay, BankCard }

/// <summary>
/// At the counter (收据 at once), a bank remittance (汇款: the invoice within 3 working days), or money paid
/// back — a deposit refund (退款), which counts negative in every sum of money received.
/// </summary>
public enum PaymentKind { Counter, Remittance, Refund }

/// <summary>The dunning ladder (000 L232–L236), in order.</summary>
public enum DunningStage
{
    /// <summary>催缴提醒: a call or SMS.</summary>
    Reminder = 1,

    /// <summary>再次提醒.</summary>
    SecondReminder = 2,

    /// <summary>律师函/催缴函 by express mail, 3 months after the call with the account still unpaid.</summary>
    Letter = 3,

    /// <summary>上门催缴 by the steward.</summary>
    Visit = 4,

    /// <summary>法律途径: flagged for the manager.</summary>
    Legal = 5,
}

public enum DunningState
{
    Active,

    /// <summary>The household promised to pay by a date; the ladder holds until then.</summary>
    Promised,

    /// <summary>The household disputes the bill (often a repair grievance); the ladder pauses.</summary>
    Disputed,

    /// <summary>Nothing overdue any more; the ladder stopped.</summary>
    Settled,
}
