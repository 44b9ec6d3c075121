IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE TABLE [ApiKeys] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [Hash] nchar(64) NOT NULL,
        [Hint] nvarchar(20) NOT NULL,
        [CreatedBy] nvarchar(200) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [RevokedAt] datetimeoffset NULL,
        CONSTRAINT [PK_ApiKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE TABLE [AspNetRoles] (
        [Id] nvarchar(450) NOT NULL,
        [Name] nvarchar(256) NULL,
        [NormalizedName] nvarchar(256) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoles] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE TABLE [AuditEntries] (
        [Sequence] bigint NOT NULL,
        [IncidentId] uniqueidentifier NULL,
        [AgreementId] uniqueidentifier NULL,
        [At] datetimeoffset NOT NULL,
        [ActorId] nvarchar(450) NOT NULL,
        [ActorName] nvarchar(200) NOT NULL,
        [Action] nvarchar(100) NOT NULL,
        [Before] nvarchar(max) NULL,
        [After] nvarchar(max) NULL,
        [PreviousHash] nchar(64) NOT NULL,
        [Hash] nchar(64) NOT NULL,
        CONSTRAINT [PK_AuditEntries] PRIMARY KEY ([Sequence])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE TABLE [AuditHead] (
        [Id] int NOT NULL,
        [LastSequence] bigint NOT NULL,
        [LastHash] nchar(64) NOT NULL,
        CONSTRAINT [PK_AuditHead] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE TABLE [DataProtectionKeys] (
        [Id] int NOT NULL IDENTITY,
        [FriendlyName] nvarchar(max) NULL,
        [Xml] nvarchar(max) NULL,
        CONSTRAINT [PK_DataProtectionKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE TABLE [Organisations] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Kind] nvarchar(20) NOT NULL,
        [Urn] nvarchar(20) NULL,
        CONSTRAINT [PK_Organisations] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE TABLE [ReferenceCounters] (
        [Year] int NOT NULL,
        [LastNumber] int NOT NULL,
        CONSTRAINT [PK_ReferenceCounters] PRIMARY KEY ([Year])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE TABLE [AspNetRoleClaims] (
        [Id] int NOT NULL IDENTITY,
        [RoleId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoleClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetRoleClaims_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE TABLE [Agreements] (
        [Id] uniqueidentifier NOT NULL,
        [SilOrganisationId] uniqueidentifier NOT NULL,
        [SchoolOrganisationId] uniqueidentifier NOT NULL,
        [Version] int NOT NULL,
        [StartDate] date NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [CurrentSuspensionId] uniqueidentifier NULL,
        [ConcurrencyVersion] int NOT NULL,
        CONSTRAINT [PK_Agreements] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Agreements_Organisations_SchoolOrganisationId] FOREIGN KEY ([SchoolOrganisationId]) REFERENCES [Organisations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Agreements_Organisations_SilOrganisationId] FOREIGN KEY ([SilOrganisationId]) REFERENCES [Organisations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE TABLE [AspNetUsers] (
        [Id] nvarchar(450) NOT NULL,
        [OrganisationId] uniqueidentifier NOT NULL,
        [DisplayName] nvarchar(200) NOT NULL,
        [UserName] nvarchar(256) NULL,
        [NormalizedUserName] nvarchar(256) NULL,
        [Email] nvarchar(256) NULL,
        [NormalizedEmail] nvarchar(256) NULL,
        [EmailConfirmed] bit NOT NULL,
        [PasswordHash] nvarchar(max) NULL,
        [SecurityStamp] nvarchar(max) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        [PhoneNumber] nvarchar(max) NULL,
        [PhoneNumberConfirmed] bit NOT NULL,
        [TwoFactorEnabled] bit NOT NULL,
        [LockoutEnd] datetimeoffset NULL,
        [LockoutEnabled] bit NOT NULL,
        [AccessFailedCount] int NOT NULL,
        CONSTRAINT [PK_AspNetUsers] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetUsers_Organisations_OrganisationId] FOREIGN KEY ([OrganisationId]) REFERENCES [Organisations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE TABLE [Contacts] (
        [Id] uniqueidentifier NOT NULL,
        [OrganisationId] uniqueidentifier NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Email] nvarchar(256) NOT NULL,
        [Role] nvarchar(30) NOT NULL,
        CONSTRAINT [PK_Contacts] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Contacts_Organisations_OrganisationId] FOREIGN KEY ([OrganisationId]) REFERENCES [Organisations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE TABLE [Incidents] (
        [Id] uniqueidentifier NOT NULL,
        [Reference] nvarchar(20) NOT NULL,
        [Kind] nvarchar(30) NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [AgreementId] uniqueidentifier NOT NULL,
        [ReportingOrganisationId] uniqueidentifier NOT NULL,
        [CounterpartyOrganisationId] uniqueidentifier NOT NULL,
        [ReporterUserId] nvarchar(450) NOT NULL,
        [ReporterName] nvarchar(200) NOT NULL,
        [DiscoveredAt] datetimeoffset NOT NULL,
        [ReportedAt] datetimeoffset NOT NULL,
        [AwareAt] datetimeoffset NOT NULL,
        [Summary] nvarchar(200) NOT NULL,
        [Description] nvarchar(max) NOT NULL,
        [DataCategories] nvarchar(2000) NOT NULL,
        [ApproximateDataSubjects] int NULL,
        [ContainmentActions] nvarchar(max) NOT NULL,
        [Version] int NOT NULL,
        [Classification] nvarchar(30) NULL,
        [AssigneeUserId] nvarchar(450) NULL,
        [AssigneeName] nvarchar(200) NULL,
        [AssigneeEmail] nvarchar(256) NULL,
        [TriagedAt] datetimeoffset NULL,
        [SeverityContext] int NULL,
        [SeverityChildrensData] bit NULL,
        [SeverityEaseOfIdentification] float NULL,
        [SeverityConfidentiality] float NULL,
        [SeverityIntegrity] float NULL,
        [SeverityAvailability] float NULL,
        [SeverityMaliciousIntent] bit NULL,
        [SeverityScore] float NULL,
        [Severity] nvarchar(20) NULL,
        [Decision] nvarchar(40) NULL,
        [DecisionPersonalData] bit NULL,
        [DecisionRiskLikely] bit NULL,
        [DecisionHighRisk] bit NULL,
        [DecisionRationale] nvarchar(max) NULL,
        [DecidedAt] datetimeoffset NULL,
        [DecidedBy] nvarchar(200) NULL,
        [ClosedAt] datetimeoffset NULL,
        [LessonsLearned] nvarchar(max) NULL,
        [ClosureNote] nvarchar(2000) NULL,
        CONSTRAINT [PK_Incidents] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Incidents_Agreements_AgreementId] FOREIGN KEY ([AgreementId]) REFERENCES [Agreements] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Incidents_Organisations_CounterpartyOrganisationId] FOREIGN KEY ([CounterpartyOrganisationId]) REFERENCES [Organisations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Incidents_Organisations_ReportingOrganisationId] FOREIGN KEY ([ReportingOrganisationId]) REFERENCES [Organisations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE TABLE [ReviewReminders] (
        [Id] uniqueidentifier NOT NULL,
        [AgreementId] uniqueidentifier NOT NULL,
        [ReviewDate] date NOT NULL,
        [SentAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_ReviewReminders] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ReviewReminders_Agreements_AgreementId] FOREIGN KEY ([AgreementId]) REFERENCES [Agreements] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE TABLE [Suspensions] (
        [Id] uniqueidentifier NOT NULL,
        [AgreementId] uniqueidentifier NOT NULL,
        [SuspendedByOrganisationId] uniqueidentifier NOT NULL,
        [SuspendedByUserId] nvarchar(450) NOT NULL,
        [SuspendedByName] nvarchar(200) NOT NULL,
        [Reason] nvarchar(4000) NOT NULL,
        [Evidence] nvarchar(max) NOT NULL,
        [IncidentIds] nvarchar(4000) NOT NULL,
        [StartsAt] datetimeoffset NOT NULL,
        [EndsAt] datetimeoffset NOT NULL,
        [ReplacesSuspensionId] uniqueidentifier NULL,
        [Status] nvarchar(20) NOT NULL,
        [EndedAt] datetimeoffset NULL,
        [EndedBy] nvarchar(200) NULL,
        [EndReason] nvarchar(4000) NULL,
        CONSTRAINT [PK_Suspensions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Suspensions_Agreements_AgreementId] FOREIGN KEY ([AgreementId]) REFERENCES [Agreements] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserClaims] (
        [Id] int NOT NULL IDENTITY,
        [UserId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetUserClaims_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserLogins] (
        [LoginProvider] nvarchar(450) NOT NULL,
        [ProviderKey] nvarchar(450) NOT NULL,
        [ProviderDisplayName] nvarchar(max) NULL,
        [UserId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserLogins] PRIMARY KEY ([LoginProvider], [ProviderKey]),
        CONSTRAINT [FK_AspNetUserLogins_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserRoles] (
        [UserId] nvarchar(450) NOT NULL,
        [RoleId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserRoles] PRIMARY KEY ([UserId], [RoleId]),
        CONSTRAINT [FK_AspNetUserRoles_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_AspNetUserRoles_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserTokens] (
        [UserId] nvarchar(450) NOT NULL,
        [LoginProvider] nvarchar(450) NOT NULL,
        [Name] nvarchar(450) NOT NULL,
        [Value] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserTokens] PRIMARY KEY ([UserId], [LoginProvider], [Name]),
        CONSTRAINT [FK_AspNetUserTokens_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE TABLE [Alerts] (
        [Id] uniqueidentifier NOT NULL,
        [IncidentId] uniqueidentifier NULL,
        [NotificationId] uniqueidentifier NULL,
        [Message] nvarchar(2000) NOT NULL,
        [RaisedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_Alerts] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Alerts_Incidents_IncidentId] FOREIGN KEY ([IncidentId]) REFERENCES [Incidents] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE TABLE [DataSubjectNotices] (
        [Id] uniqueidentifier NOT NULL,
        [IncidentId] uniqueidentifier NOT NULL,
        [NotifiedAt] datetimeoffset NULL,
        [Method] nvarchar(20) NULL,
        [PeopleNotified] int NULL,
        [Exception] nvarchar(40) NULL,
        [Notes] nvarchar(max) NULL,
        [RecordedBy] nvarchar(200) NOT NULL,
        [RecordedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_DataSubjectNotices] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_DataSubjectNotices_Incidents_IncidentId] FOREIGN KEY ([IncidentId]) REFERENCES [Incidents] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE TABLE [IcoFilings] (
        [Id] uniqueidentifier NOT NULL,
        [IncidentId] uniqueidentifier NOT NULL,
        [SubmittedAt] datetimeoffset NOT NULL,
        [CaseReference] nvarchar(50) NOT NULL,
        [Phase] nvarchar(20) NOT NULL,
        [Nature] nvarchar(max) NOT NULL,
        [DataSubjectCategories] nvarchar(2000) NOT NULL,
        [ApproximateDataSubjects] int NOT NULL,
        [ApproximateRecords] int NULL,
        [DpoContact] nvarchar(1000) NOT NULL,
        [LikelyConsequences] nvarchar(max) NOT NULL,
        [Measures] nvarchar(max) NOT NULL,
        [LateReason] nvarchar(max) NULL,
        [RecordedBy] nvarchar(200) NOT NULL,
        [RecordedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_IcoFilings] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_IcoFilings_Incidents_IncidentId] FOREIGN KEY ([IncidentId]) REFERENCES [Incidents] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE TABLE [IcoReminders] (
        [Id] uniqueidentifier NOT NULL,
        [IncidentId] uniqueidentifier NOT NULL,
        [Stage] nvarchar(20) NOT NULL,
        [DueAt] datetimeoffset NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [FiredAt] datetimeoffset NULL,
        CONSTRAINT [PK_IcoReminders] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_IcoReminders_Incidents_IncidentId] FOREIGN KEY ([IncidentId]) REFERENCES [Incidents] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE TABLE [IncidentActions] (
        [Id] uniqueidentifier NOT NULL,
        [IncidentId] uniqueidentifier NOT NULL,
        [Kind] nvarchar(20) NOT NULL,
        [Description] nvarchar(2000) NOT NULL,
        [AssignedTo] nvarchar(200) NOT NULL,
        [DueDate] date NULL,
        [CreatedBy] nvarchar(200) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [CompletedAt] datetimeoffset NULL,
        [CompletedBy] nvarchar(200) NULL,
        [CompletionNote] nvarchar(2000) NULL,
        CONSTRAINT [PK_IncidentActions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_IncidentActions_Incidents_IncidentId] FOREIGN KEY ([IncidentId]) REFERENCES [Incidents] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE TABLE [Notifications] (
        [Id] uniqueidentifier NOT NULL,
        [Type] nvarchar(30) NOT NULL,
        [IncidentId] uniqueidentifier NULL,
        [AboutNotificationId] uniqueidentifier NULL,
        [ReminderStage] nvarchar(20) NULL,
        [SuspensionId] uniqueidentifier NULL,
        [AgreementId] uniqueidentifier NULL,
        [RecipientName] nvarchar(200) NOT NULL,
        [RecipientEmail] nvarchar(256) NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [Attempts] int NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [NextAttemptAt] datetimeoffset NOT NULL,
        [ClaimedUntil] datetimeoffset NULL,
        [SentAt] datetimeoffset NULL,
        [LastError] nvarchar(1000) NULL,
        CONSTRAINT [PK_Notifications] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Notifications_Agreements_AgreementId] FOREIGN KEY ([AgreementId]) REFERENCES [Agreements] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Notifications_Incidents_IncidentId] FOREIGN KEY ([IncidentId]) REFERENCES [Incidents] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Notifications_Suspensions_SuspensionId] FOREIGN KEY ([SuspensionId]) REFERENCES [Suspensions] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE TABLE [SuspensionTimers] (
        [Id] uniqueidentifier NOT NULL,
        [SuspensionId] uniqueidentifier NOT NULL,
        [Kind] nvarchar(20) NOT NULL,
        [DueAt] datetimeoffset NOT NULL,
        [BeforeEnd] time NULL,
        [Status] nvarchar(20) NOT NULL,
        [FiredAt] datetimeoffset NULL,
        CONSTRAINT [PK_SuspensionTimers] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_SuspensionTimers_Suspensions_SuspensionId] FOREIGN KEY ([SuspensionId]) REFERENCES [Suspensions] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'LastHash', N'LastSequence') AND [object_id] = OBJECT_ID(N'[AuditHead]'))
        SET IDENTITY_INSERT [AuditHead] ON;
    EXEC(N'INSERT INTO [AuditHead] ([Id], [LastHash], [LastSequence])
    VALUES (1, N''0000000000000000000000000000000000000000000000000000000000000000'', CAST(0 AS bigint))');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'LastHash', N'LastSequence') AND [object_id] = OBJECT_ID(N'[AuditHead]'))
        SET IDENTITY_INSERT [AuditHead] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Agreements_SchoolOrganisationId_Version] ON [Agreements] ([SchoolOrganisationId], [Version]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE INDEX [IX_Agreements_SilOrganisationId] ON [Agreements] ([SilOrganisationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE INDEX [IX_Alerts_IncidentId] ON [Alerts] ([IncidentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ApiKeys_Hash] ON [ApiKeys] ([Hash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetRoleClaims_RoleId] ON [AspNetRoleClaims] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [RoleNameIndex] ON [AspNetRoles] ([NormalizedName]) WHERE [NormalizedName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserClaims_UserId] ON [AspNetUserClaims] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserLogins_UserId] ON [AspNetUserLogins] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserRoles_RoleId] ON [AspNetUserRoles] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE INDEX [EmailIndex] ON [AspNetUsers] ([NormalizedEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUsers_OrganisationId] ON [AspNetUsers] ([OrganisationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UserNameIndex] ON [AspNetUsers] ([NormalizedUserName]) WHERE [NormalizedUserName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_AgreementId] ON [AuditEntries] ([AgreementId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_IncidentId] ON [AuditEntries] ([IncidentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE INDEX [IX_Contacts_OrganisationId] ON [Contacts] ([OrganisationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE INDEX [IX_DataSubjectNotices_IncidentId] ON [DataSubjectNotices] ([IncidentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE INDEX [IX_IcoFilings_IncidentId] ON [IcoFilings] ([IncidentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE INDEX [IX_IcoReminders_IncidentId] ON [IcoReminders] ([IncidentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE INDEX [IX_IcoReminders_Status_DueAt] ON [IcoReminders] ([Status], [DueAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE INDEX [IX_IncidentActions_IncidentId] ON [IncidentActions] ([IncidentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE INDEX [IX_Incidents_AgreementId] ON [Incidents] ([AgreementId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE INDEX [IX_Incidents_CounterpartyOrganisationId_ReportedAt] ON [Incidents] ([CounterpartyOrganisationId], [ReportedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Incidents_Reference] ON [Incidents] ([Reference]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE INDEX [IX_Incidents_ReportedAt] ON [Incidents] ([ReportedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE INDEX [IX_Incidents_ReportingOrganisationId_ReportedAt] ON [Incidents] ([ReportingOrganisationId], [ReportedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE INDEX [IX_Incidents_Status] ON [Incidents] ([Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE INDEX [IX_Notifications_AgreementId] ON [Notifications] ([AgreementId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE INDEX [IX_Notifications_IncidentId] ON [Notifications] ([IncidentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE INDEX [IX_Notifications_Status_NextAttemptAt] ON [Notifications] ([Status], [NextAttemptAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE INDEX [IX_Notifications_SuspensionId] ON [Notifications] ([SuspensionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Organisations_Urn] ON [Organisations] ([Urn]) WHERE [Urn] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ReviewReminders_AgreementId_ReviewDate] ON [ReviewReminders] ([AgreementId], [ReviewDate]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE INDEX [IX_Suspensions_AgreementId] ON [Suspensions] ([AgreementId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE INDEX [IX_SuspensionTimers_Status_DueAt] ON [SuspensionTimers] ([Status], [DueAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    CREATE INDEX [IX_SuspensionTimers_SuspensionId] ON [SuspensionTimers] ([SuspensionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129110424_Initial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261129110424_Initial', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201024034_SuspensionRenewedBy'
)
BEGIN
    ALTER TABLE [Suspensions] ADD [RenewedByName] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201024034_SuspensionRenewedBy'
)
BEGIN
    ALTER TABLE [Suspensions] ADD [RenewedByOrganisationId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201024034_SuspensionRenewedBy'
)
BEGIN
    ALTER TABLE [Suspensions] ADD [RenewedByUserId] nvarchar(450) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201024034_SuspensionRenewedBy'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201024034_SuspensionRenewedBy', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201025950_SessionsAndEmailFaults'
)
BEGIN
    ALTER TABLE [AspNetUsers] ADD [DisabledAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201025950_SessionsAndEmailFaults'
)
BEGIN
    CREATE TABLE [EmailFaults] (
        [Id] uniqueidentifier NOT NULL,
        [Reason] nvarchar(1000) NOT NULL,
        [Since] datetimeoffset NOT NULL,
        [LastTriedAt] datetimeoffset NOT NULL,
        [ClearedAt] datetimeoffset NULL,
        CONSTRAINT [PK_EmailFaults] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201025950_SessionsAndEmailFaults'
)
BEGIN
    CREATE TABLE [UsedRefreshTokens] (
        [Hash] nchar(64) NOT NULL,
        [UserId] nvarchar(450) NOT NULL,
        [ExpiresAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_UsedRefreshTokens] PRIMARY KEY ([Hash])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201025950_SessionsAndEmailFaults'
)
BEGIN
    CREATE INDEX [IX_EmailFaults_ClearedAt] ON [EmailFaults] ([ClearedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201025950_SessionsAndEmailFaults'
)
BEGIN
    CREATE INDEX [IX_UsedRefreshTokens_ExpiresAt] ON [UsedRefreshTokens] ([ExpiresAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201025950_SessionsAndEmailFaults'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201025950_SessionsAndEmailFaults', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201030825_Timers'
)
BEGIN
    CREATE TABLE [Timers] (
        [Id] uniqueidentifier NOT NULL,
        [Kind] nvarchar(50) NOT NULL,
        [SubjectId] uniqueidentifier NOT NULL,
        [Argument] nvarchar(50) NULL,
        [DedupKey] nvarchar(120) NULL,
        [DueAt] datetimeoffset NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [ClaimedUntil] datetimeoffset NULL,
        [Attempts] int NOT NULL,
        [FiredAt] datetimeoffset NULL,
        [LastError] nvarchar(2000) NULL,
        CONSTRAINT [PK_Timers] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201030825_Timers'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Timers_DedupKey] ON [Timers] ([DedupKey]) WHERE [DedupKey] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201030825_Timers'
)
BEGIN
    CREATE INDEX [IX_Timers_Status_DueAt] ON [Timers] ([Status], [DueAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201030825_Timers'
)
BEGIN
    CREATE INDEX [IX_Timers_SubjectId_Kind] ON [Timers] ([SubjectId], [Kind]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201030825_Timers'
)
BEGIN
    INSERT INTO [Timers] ([Id], [Kind], [SubjectId], [Argument], [DedupKey], [DueAt], [Status], [ClaimedUntil], [Attempts], [FiredAt], [LastError])
    SELECT [Id], N'IcoReminder', [IncidentId], [Stage], NULL, [DueAt], [Status], NULL, 0, [FiredAt], NULL
    FROM [IcoReminders];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201030825_Timers'
)
BEGIN
    INSERT INTO [Timers] ([Id], [Kind], [SubjectId], [Argument], [DedupKey], [DueAt], [Status], [ClaimedUntil], [Attempts], [FiredAt], [LastError])
    SELECT [Id], CASE [Kind] WHEN N'Reinstatement' THEN N'SuspensionReinstatement' ELSE N'SuspensionReminder' END,
           [SuspensionId], CONVERT(nvarchar(50), [BeforeEnd]), NULL, [DueAt], [Status], NULL, 0, [FiredAt], NULL
    FROM [SuspensionTimers];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201030825_Timers'
)
BEGIN
    INSERT INTO [Timers] ([Id], [Kind], [SubjectId], [Argument], [DedupKey], [DueAt], [Status], [ClaimedUntil], [Attempts], [FiredAt], [LastError])
    SELECT [Id], N'AgreementReview', [AgreementId], CONVERT(nvarchar(10), [ReviewDate], 23),
           N'AgreementReview:' + LOWER(CONVERT(nvarchar(36), [AgreementId])) + N':' + CONVERT(nvarchar(10), [ReviewDate], 23),
           [SentAt], N'Fired', NULL, 1, [SentAt], NULL
    FROM [ReviewReminders];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201030825_Timers'
)
BEGIN
    DROP TABLE [IcoReminders];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201030825_Timers'
)
BEGIN
    DROP TABLE [ReviewReminders];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201030825_Timers'
)
BEGIN
    DROP TABLE [SuspensionTimers];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201030825_Timers'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201030825_Timers', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201035543_Attachments'
)
BEGIN
    CREATE TABLE [Attachments] (
        [Id] uniqueidentifier NOT NULL,
        [IncidentId] uniqueidentifier NOT NULL,
        [FileName] nvarchar(200) NOT NULL,
        [Type] nvarchar(20) NOT NULL,
        [ContentType] nvarchar(100) NOT NULL,
        [Size] bigint NOT NULL,
        [Sha256] nchar(64) NOT NULL,
        [Content] varbinary(max) NOT NULL,
        [UploadedByUserId] nvarchar(450) NOT NULL,
        [UploadedByName] nvarchar(200) NOT NULL,
        [UploadedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_Attachments] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Attachments_Incidents_IncidentId] FOREIGN KEY ([IncidentId]) REFERENCES [Incidents] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201035543_Attachments'
)
BEGIN
    CREATE INDEX [IX_Attachments_IncidentId] ON [Attachments] ([IncidentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201035543_Attachments'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201035543_Attachments', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201035856_NoticeTemplates'
)
BEGIN
    ALTER TABLE [Notifications] ADD [ContactId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201035856_NoticeTemplates'
)
BEGIN
    ALTER TABLE [Notifications] ADD [Reason] nvarchar(30) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201035856_NoticeTemplates'
)
BEGIN
    ALTER TABLE [Notifications] ADD [RecipientOrganisation] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201035856_NoticeTemplates'
)
BEGIN
    ALTER TABLE [Notifications] ADD [ResendOfNotificationId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201035856_NoticeTemplates'
)
BEGIN
    ALTER TABLE [Notifications] ADD [TemplateVersion] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201035856_NoticeTemplates'
)
BEGIN
    ALTER TABLE [Contacts] ADD [Active] bit NOT NULL DEFAULT CAST(1 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201035856_NoticeTemplates'
)
BEGIN
    ALTER TABLE [Alerts] ADD [ResolvedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201035856_NoticeTemplates'
)
BEGIN
    ALTER TABLE [Alerts] ADD [ResolvedBy] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201035856_NoticeTemplates'
)
BEGIN
    CREATE TABLE [NoticeTemplates] (
        [Id] uniqueidentifier NOT NULL,
        [Type] nvarchar(30) NOT NULL,
        [Version] int NOT NULL,
        [Subject] nvarchar(500) NULL,
        [Body] nvarchar(max) NULL,
        [EditedBy] nvarchar(200) NOT NULL,
        [EditedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_NoticeTemplates] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201035856_NoticeTemplates'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Notifications_ResendOfNotificationId] ON [Notifications] ([ResendOfNotificationId]) WHERE [ResendOfNotificationId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201035856_NoticeTemplates'
)
BEGIN
    CREATE UNIQUE INDEX [IX_NoticeTemplates_Type_Version] ON [NoticeTemplates] ([Type], [Version]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201035856_NoticeTemplates'
)
BEGIN
    ALTER TABLE [Notifications] ADD CONSTRAINT [FK_Notifications_Notifications_ResendOfNotificationId] FOREIGN KEY ([ResendOfNotificationId]) REFERENCES [Notifications] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201035856_NoticeTemplates'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201035856_NoticeTemplates', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201040956_IcoDuty'
)
BEGIN
    ALTER TABLE [Incidents] ADD [AwareAtReason] nvarchar(2000) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201040956_IcoDuty'
)
BEGIN
    ALTER TABLE [IcoFilings] ADD [FollowUpExpected] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201040956_IcoDuty'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201040956_IcoDuty', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201052121_IcoRecord'
)
BEGIN
    ALTER TABLE [Incidents] ADD [ApproximateRecords] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201052121_IcoRecord'
)
BEGIN
    ALTER TABLE [Incidents] ADD [Happened] nvarchar(20) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201052121_IcoRecord'
)
BEGIN
    ALTER TABLE [Incidents] ADD [HappenedFrom] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201052121_IcoRecord'
)
BEGIN
    ALTER TABLE [Incidents] ADD [HappenedTo] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201052121_IcoRecord'
)
BEGIN
    ALTER TABLE [Incidents] ADD [HowDiscovered] nvarchar(max) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201052121_IcoRecord'
)
BEGIN
    ALTER TABLE [Incidents] ADD [IcoAdvice] nvarchar(max) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201052121_IcoRecord'
)
BEGIN
    ALTER TABLE [Incidents] ADD [IcoAdviceOn] date NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201052121_IcoRecord'
)
BEGIN
    ALTER TABLE [Incidents] ADD [IcoOutcome] nvarchar(max) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201052121_IcoRecord'
)
BEGIN
    ALTER TABLE [Incidents] ADD [IcoOutcomeOn] date NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201052121_IcoRecord'
)
BEGIN
    ALTER TABLE [Incidents] ADD [LikelyConsequences] nvarchar(max) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201052121_IcoRecord'
)
BEGIN
    ALTER TABLE [Incidents] ADD [MeasuresBefore] nvarchar(max) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201052121_IcoRecord'
)
BEGIN
    ALTER TABLE [Incidents] ADD [NoOtherOrganisationsTold] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201052121_IcoRecord'
)
BEGIN
    ALTER TABLE [Incidents] ADD [OrganisationsTold] nvarchar(4000) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201052121_IcoRecord'
)
BEGIN
    ALTER TABLE [Incidents] ADD [PeopleCategories] nvarchar(500) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201052121_IcoRecord'
)
BEGIN
    ALTER TABLE [Incidents] ADD [PeopleCategoriesOther] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201052121_IcoRecord'
)
BEGIN
    ALTER TABLE [Incidents] ADD [PeopleNotToldException] nvarchar(40) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201052121_IcoRecord'
)
BEGIN
    ALTER TABLE [Incidents] ADD [PeopleNotToldReason] nvarchar(max) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201052121_IcoRecord'
)
BEGIN
    ALTER TABLE [Incidents] ADD [PeopleTold] nvarchar(20) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201052121_IcoRecord'
)
BEGIN
    ALTER TABLE [Incidents] ADD [PeopleToldOn] date NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201052121_IcoRecord'
)
BEGIN
    ALTER TABLE [Incidents] ADD [StaffRole] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201052121_IcoRecord'
)
BEGIN
    ALTER TABLE [Incidents] ADD [StaffTrainedOn] date NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201052121_IcoRecord'
)
BEGIN
    ALTER TABLE [Incidents] ADD [StaffTraining] nvarchar(20) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201052121_IcoRecord'
)
BEGIN
    CREATE TABLE [IncidentUpdates] (
        [Id] uniqueidentifier NOT NULL,
        [IncidentId] uniqueidentifier NOT NULL,
        [About] nvarchar(200) NULL,
        [Note] nvarchar(max) NOT NULL,
        [WrittenByUserId] nvarchar(450) NOT NULL,
        [WrittenBy] nvarchar(200) NOT NULL,
        [WrittenByOrganisationId] uniqueidentifier NOT NULL,
        [WrittenAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_IncidentUpdates] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_IncidentUpdates_Incidents_IncidentId] FOREIGN KEY ([IncidentId]) REFERENCES [Incidents] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201052121_IcoRecord'
)
BEGIN
    CREATE INDEX [IX_IncidentUpdates_IncidentId_WrittenAt] ON [IncidentUpdates] ([IncidentId], [WrittenAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201052121_IcoRecord'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201052121_IcoRecord', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201062821_ReportingLinks'
)
BEGIN
    ALTER TABLE [Incidents] ADD [ReporterEmail] nvarchar(254) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201062821_ReportingLinks'
)
BEGIN
    ALTER TABLE [Incidents] ADD [ReporterRole] nvarchar(100) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201062821_ReportingLinks'
)
BEGIN
    ALTER TABLE [Incidents] ADD [ReportingLinkId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201062821_ReportingLinks'
)
BEGIN
    CREATE TABLE [ReportingLinks] (
        [Id] uniqueidentifier NOT NULL,
        [OrganisationId] uniqueidentifier NOT NULL,
        [Hash] nchar(64) NOT NULL,
        [ProtectedToken] nvarchar(1000) NOT NULL,
        [Enabled] bit NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [UpdatedBy] nvarchar(200) NOT NULL,
        [Rotations] int NOT NULL,
        CONSTRAINT [PK_ReportingLinks] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ReportingLinks_Organisations_OrganisationId] FOREIGN KEY ([OrganisationId]) REFERENCES [Organisations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201062821_ReportingLinks'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ReportingLinks_Hash] ON [ReportingLinks] ([Hash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201062821_ReportingLinks'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ReportingLinks_OrganisationId] ON [ReportingLinks] ([OrganisationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201062821_ReportingLinks'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201062821_ReportingLinks', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065203_Complaints'
)
BEGIN
    ALTER TABLE [Notifications] ADD [ComplaintId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065203_Complaints'
)
BEGIN
    ALTER TABLE [AuditEntries] ADD [ComplaintId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065203_Complaints'
)
BEGIN
    CREATE TABLE [ComplaintReferenceCounters] (
        [Year] int NOT NULL,
        [LastNumber] int NOT NULL,
        CONSTRAINT [PK_ComplaintReferenceCounters] PRIMARY KEY ([Year])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065203_Complaints'
)
BEGIN
    CREATE TABLE [Complaints] (
        [Id] uniqueidentifier NOT NULL,
        [Reference] nvarchar(20) NOT NULL,
        [HandlingOrganisationId] uniqueidentifier NOT NULL,
        [AboutOrganisationId] uniqueidentifier NULL,
        [ReceivedAt] datetimeoffset NOT NULL,
        [LoggedAt] datetimeoffset NOT NULL,
        [Channel] nvarchar(20) NOT NULL,
        [ComplainantName] nvarchar(200) NOT NULL,
        [ComplainantEmail] nvarchar(256) NULL,
        [Relationship] nvarchar(200) NOT NULL,
        [About] nvarchar(300) NOT NULL,
        [Details] nvarchar(max) NOT NULL,
        [DesiredOutcome] nvarchar(max) NOT NULL,
        [LoggedByUserId] nvarchar(450) NULL,
        [LoggedByName] nvarchar(200) NOT NULL,
        [AcknowledgeBy] datetimeoffset NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [AcknowledgedAt] datetimeoffset NULL,
        [AcknowledgementMethod] nvarchar(20) NULL,
        [AcknowledgedBy] nvarchar(200) NULL,
        [AssigneeUserId] nvarchar(450) NULL,
        [AssigneeName] nvarchar(200) NULL,
        [AssigneeEmail] nvarchar(256) NULL,
        [Outcome] nvarchar(20) NULL,
        [OutcomeSummary] nvarchar(max) NULL,
        [OutcomeAt] datetimeoffset NULL,
        [OutcomeBy] nvarchar(200) NULL,
        [LinkedIncidentId] uniqueidentifier NULL,
        [Version] int NOT NULL,
        CONSTRAINT [PK_Complaints] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Complaints_Incidents_LinkedIncidentId] FOREIGN KEY ([LinkedIncidentId]) REFERENCES [Incidents] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Complaints_Organisations_AboutOrganisationId] FOREIGN KEY ([AboutOrganisationId]) REFERENCES [Organisations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Complaints_Organisations_HandlingOrganisationId] FOREIGN KEY ([HandlingOrganisationId]) REFERENCES [Organisations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065203_Complaints'
)
BEGIN
    CREATE TABLE [ComplaintNotes] (
        [Id] uniqueidentifier NOT NULL,
        [ComplaintId] uniqueidentifier NOT NULL,
        [At] datetimeoffset NOT NULL,
        [ByUserId] nvarchar(450) NOT NULL,
        [ByName] nvarchar(200) NOT NULL,
        [Text] nvarchar(4000) NOT NULL,
        CONSTRAINT [PK_ComplaintNotes] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ComplaintNotes_Complaints_ComplaintId] FOREIGN KEY ([ComplaintId]) REFERENCES [Complaints] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065203_Complaints'
)
BEGIN
    CREATE INDEX [IX_Notifications_ComplaintId] ON [Notifications] ([ComplaintId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065203_Complaints'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_ComplaintId] ON [AuditEntries] ([ComplaintId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065203_Complaints'
)
BEGIN
    CREATE INDEX [IX_ComplaintNotes_ComplaintId] ON [ComplaintNotes] ([ComplaintId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065203_Complaints'
)
BEGIN
    CREATE INDEX [IX_Complaints_AboutOrganisationId] ON [Complaints] ([AboutOrganisationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065203_Complaints'
)
BEGIN
    CREATE INDEX [IX_Complaints_HandlingOrganisationId_ReceivedAt] ON [Complaints] ([HandlingOrganisationId], [ReceivedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065203_Complaints'
)
BEGIN
    CREATE INDEX [IX_Complaints_LinkedIncidentId] ON [Complaints] ([LinkedIncidentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065203_Complaints'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Complaints_Reference] ON [Complaints] ([Reference]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065203_Complaints'
)
BEGIN
    CREATE INDEX [IX_Complaints_Status_AcknowledgeBy] ON [Complaints] ([Status], [AcknowledgeBy]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065203_Complaints'
)
BEGIN
    ALTER TABLE [Notifications] ADD CONSTRAINT [FK_Notifications_Complaints_ComplaintId] FOREIGN KEY ([ComplaintId]) REFERENCES [Complaints] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065203_Complaints'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201065203_Complaints', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065410_Discrepancies'
)
BEGIN
    ALTER TABLE [Notifications] ADD [DiscrepancyId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065410_Discrepancies'
)
BEGIN
    CREATE TABLE [Discrepancies] (
        [Id] uniqueidentifier NOT NULL,
        [Reference] nvarchar(20) NOT NULL,
        [AgreementId] uniqueidentifier NOT NULL,
        [SchoolOrganisationId] uniqueidentifier NOT NULL,
        [SilOrganisationId] uniqueidentifier NOT NULL,
        [RaisedByOrganisationId] uniqueidentifier NOT NULL,
        [ProviderOrganisationId] uniqueidentifier NOT NULL,
        [DataItem] nvarchar(100) NOT NULL,
        [Details] nvarchar(4000) NOT NULL,
        [RaisedByUserId] nvarchar(450) NOT NULL,
        [RaisedByName] nvarchar(200) NOT NULL,
        [RaisedAt] datetimeoffset NOT NULL,
        [DueDate] date NOT NULL,
        [DueAt] datetimeoffset NOT NULL,
        [Status] nvarchar(30) NOT NULL,
        [SchoolConfirmedAt] datetimeoffset NULL,
        [SchoolConfirmedBy] nvarchar(200) NULL,
        [SilConfirmedAt] datetimeoffset NULL,
        [SilConfirmedBy] nvarchar(200) NULL,
        [ClosedAt] datetimeoffset NULL,
        [Version] int NOT NULL,
        CONSTRAINT [PK_Discrepancies] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Discrepancies_Agreements_AgreementId] FOREIGN KEY ([AgreementId]) REFERENCES [Agreements] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Discrepancies_Organisations_ProviderOrganisationId] FOREIGN KEY ([ProviderOrganisationId]) REFERENCES [Organisations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Discrepancies_Organisations_RaisedByOrganisationId] FOREIGN KEY ([RaisedByOrganisationId]) REFERENCES [Organisations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Discrepancies_Organisations_SchoolOrganisationId] FOREIGN KEY ([SchoolOrganisationId]) REFERENCES [Organisations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Discrepancies_Organisations_SilOrganisationId] FOREIGN KEY ([SilOrganisationId]) REFERENCES [Organisations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065410_Discrepancies'
)
BEGIN
    CREATE TABLE [DiscrepancyCounters] (
        [Year] int NOT NULL,
        [LastNumber] int NOT NULL,
        CONSTRAINT [PK_DiscrepancyCounters] PRIMARY KEY ([Year])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065410_Discrepancies'
)
BEGIN
    CREATE TABLE [DiscrepancyRows] (
        [Id] uniqueidentifier NOT NULL,
        [DiscrepancyId] uniqueidentifier NOT NULL,
        [Position] int NOT NULL,
        [Upn] nchar(13) NOT NULL,
        [RaiserHolds] nvarchar(200) NULL,
        [ProviderHolds] nvarchar(200) NULL,
        [Correction] nvarchar(200) NULL,
        [CorrectedAt] datetimeoffset NULL,
        [CorrectedBy] nvarchar(200) NULL,
        CONSTRAINT [PK_DiscrepancyRows] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_DiscrepancyRows_Discrepancies_DiscrepancyId] FOREIGN KEY ([DiscrepancyId]) REFERENCES [Discrepancies] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065410_Discrepancies'
)
BEGIN
    CREATE INDEX [IX_Notifications_DiscrepancyId] ON [Notifications] ([DiscrepancyId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065410_Discrepancies'
)
BEGIN
    CREATE INDEX [IX_Discrepancies_AgreementId_Status] ON [Discrepancies] ([AgreementId], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065410_Discrepancies'
)
BEGIN
    CREATE INDEX [IX_Discrepancies_ProviderOrganisationId] ON [Discrepancies] ([ProviderOrganisationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065410_Discrepancies'
)
BEGIN
    CREATE INDEX [IX_Discrepancies_RaisedByOrganisationId] ON [Discrepancies] ([RaisedByOrganisationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065410_Discrepancies'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Discrepancies_Reference] ON [Discrepancies] ([Reference]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065410_Discrepancies'
)
BEGIN
    CREATE INDEX [IX_Discrepancies_SchoolOrganisationId_Status] ON [Discrepancies] ([SchoolOrganisationId], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065410_Discrepancies'
)
BEGIN
    CREATE INDEX [IX_Discrepancies_SilOrganisationId] ON [Discrepancies] ([SilOrganisationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065410_Discrepancies'
)
BEGIN
    CREATE INDEX [IX_Discrepancies_Status_DueAt] ON [Discrepancies] ([Status], [DueAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065410_Discrepancies'
)
BEGIN
    CREATE UNIQUE INDEX [IX_DiscrepancyRows_DiscrepancyId_Upn] ON [DiscrepancyRows] ([DiscrepancyId], [Upn]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065410_Discrepancies'
)
BEGIN
    ALTER TABLE [Notifications] ADD CONSTRAINT [FK_Notifications_Discrepancies_DiscrepancyId] FOREIGN KEY ([DiscrepancyId]) REFERENCES [Discrepancies] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065410_Discrepancies'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201065410_Discrepancies', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065833_WebhooksAndRetention'
)
BEGIN
    ALTER TABLE [AuditEntries] ADD [ActorNameDigest] nchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065833_WebhooksAndRetention'
)
BEGIN
    ALTER TABLE [AuditEntries] ADD [AfterDigest] nchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065833_WebhooksAndRetention'
)
BEGIN
    ALTER TABLE [AuditEntries] ADD [BeforeDigest] nchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065833_WebhooksAndRetention'
)
BEGIN
    ALTER TABLE [AuditEntries] ADD [HashVersion] int NOT NULL DEFAULT 1;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065833_WebhooksAndRetention'
)
BEGIN
    ALTER TABLE [AuditEntries] ADD [RedactedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065833_WebhooksAndRetention'
)
BEGIN
    CREATE TABLE [IncidentRetention] (
        [IncidentId] uniqueidentifier NOT NULL,
        [ExtendedUntil] datetimeoffset NULL,
        [ExtensionReason] nvarchar(2000) NULL,
        [ExtendedBy] nvarchar(200) NULL,
        [ExtendedAt] datetimeoffset NULL,
        [FlaggedAt] datetimeoffset NULL,
        [DeletedAt] datetimeoffset NULL,
        [DeletedBy] nvarchar(200) NULL,
        [DeletionReason] nvarchar(2000) NULL,
        CONSTRAINT [PK_IncidentRetention] PRIMARY KEY ([IncidentId]),
        CONSTRAINT [FK_IncidentRetention_Incidents_IncidentId] FOREIGN KEY ([IncidentId]) REFERENCES [Incidents] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065833_WebhooksAndRetention'
)
BEGIN
    CREATE TABLE [WebhookEndpoints] (
        [Id] uniqueidentifier NOT NULL,
        [Url] nvarchar(2000) NOT NULL,
        [Events] nvarchar(1000) NOT NULL,
        [ProtectedSecret] nvarchar(2000) NOT NULL,
        [Description] nvarchar(200) NOT NULL,
        [CreatedBy] nvarchar(200) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [DisabledAt] datetimeoffset NULL,
        CONSTRAINT [PK_WebhookEndpoints] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065833_WebhooksAndRetention'
)
BEGIN
    CREATE TABLE [WebhookDeliveries] (
        [Id] uniqueidentifier NOT NULL,
        [EndpointId] uniqueidentifier NOT NULL,
        [EventType] nvarchar(60) NOT NULL,
        [SubjectId] uniqueidentifier NOT NULL,
        [Payload] nvarchar(max) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [NextAttemptAt] datetimeoffset NOT NULL,
        [ClaimedUntil] datetimeoffset NULL,
        [Attempts] int NOT NULL,
        [LastAttemptAt] datetimeoffset NULL,
        [LastStatusCode] int NULL,
        [LastError] nvarchar(1000) NULL,
        [DeliveredAt] datetimeoffset NULL,
        CONSTRAINT [PK_WebhookDeliveries] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_WebhookDeliveries_WebhookEndpoints_EndpointId] FOREIGN KEY ([EndpointId]) REFERENCES [WebhookEndpoints] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065833_WebhooksAndRetention'
)
BEGIN
    CREATE INDEX [IX_WebhookDeliveries_EndpointId] ON [WebhookDeliveries] ([EndpointId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065833_WebhooksAndRetention'
)
BEGIN
    CREATE INDEX [IX_WebhookDeliveries_Status_NextAttemptAt] ON [WebhookDeliveries] ([Status], [NextAttemptAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201065833_WebhooksAndRetention'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201065833_WebhooksAndRetention', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201104747_SuspensionEvidence'
)
BEGIN
    DECLARE @var nvarchar(max);
    SELECT @var = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Attachments]') AND [c].[name] = N'IncidentId');
    IF @var IS NOT NULL EXEC(N'ALTER TABLE [Attachments] DROP CONSTRAINT ' + @var + ';');
    ALTER TABLE [Attachments] ALTER COLUMN [IncidentId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201104747_SuspensionEvidence'
)
BEGIN
    ALTER TABLE [Attachments] ADD [SuspensionId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201104747_SuspensionEvidence'
)
BEGIN
    CREATE INDEX [IX_Attachments_SuspensionId] ON [Attachments] ([SuspensionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201104747_SuspensionEvidence'
)
BEGIN
    EXEC(N'ALTER TABLE [Attachments] ADD CONSTRAINT [CK_Attachments_OneOwner] CHECK ((IncidentId IS NOT NULL AND SuspensionId IS NULL) OR (IncidentId IS NULL AND SuspensionId IS NOT NULL))');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201104747_SuspensionEvidence'
)
BEGIN
    ALTER TABLE [Attachments] ADD CONSTRAINT [FK_Attachments_Suspensions_SuspensionId] FOREIGN KEY ([SuspensionId]) REFERENCES [Suspensions] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201104747_SuspensionEvidence'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201104747_SuspensionEvidence', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201144234_ComplaintActions'
)
BEGIN
    CREATE TABLE [ComplaintActions] (
        [Id] uniqueidentifier NOT NULL,
        [ComplaintId] uniqueidentifier NOT NULL,
        [Description] nvarchar(2000) NOT NULL,
        [AssignedTo] nvarchar(200) NOT NULL,
        [DueDate] date NULL,
        [CreatedBy] nvarchar(200) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [CompletedAt] datetimeoffset NULL,
        [CompletedBy] nvarchar(200) NULL,
        [CompletionNote] nvarchar(2000) NULL,
        CONSTRAINT [PK_ComplaintActions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ComplaintActions_Complaints_ComplaintId] FOREIGN KEY ([ComplaintId]) REFERENCES [Complaints] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201144234_ComplaintActions'
)
BEGIN
    CREATE INDEX [IX_ComplaintActions_ComplaintId] ON [ComplaintActions] ([ComplaintId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201144234_ComplaintActions'
)
BEGIN
    CREATE INDEX [IX_ComplaintActions_CompletedAt_DueDate] ON [ComplaintActions] ([CompletedAt], [DueDate]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201144234_ComplaintActions'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201144234_ComplaintActions', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201144324_AccessRequests'
)
BEGIN
    CREATE TABLE [AccessRequests] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Email] nvarchar(256) NOT NULL,
        [OrganisationId] uniqueidentifier NOT NULL,
        [Reason] nvarchar(2000) NOT NULL,
        [IncidentId] uniqueidentifier NULL,
        [RequestedAt] datetimeoffset NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [DecidedAt] datetimeoffset NULL,
        [DecidedBy] nvarchar(200) NULL,
        [GrantedRole] nvarchar(50) NULL,
        [UserId] nvarchar(450) NULL,
        CONSTRAINT [PK_AccessRequests] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AccessRequests_Organisations_OrganisationId] FOREIGN KEY ([OrganisationId]) REFERENCES [Organisations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201144324_AccessRequests'
)
BEGIN
    CREATE INDEX [IX_AccessRequests_OrganisationId] ON [AccessRequests] ([OrganisationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201144324_AccessRequests'
)
BEGIN
    CREATE INDEX [IX_AccessRequests_Status_Email] ON [AccessRequests] ([Status], [Email]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201144324_AccessRequests'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201144324_AccessRequests', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201144411_TriageNextDeadline'
)
BEGIN
    ALTER TABLE [Incidents] ADD [NextDeadline] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201144411_TriageNextDeadline'
)
BEGIN
    CREATE INDEX [IX_Incidents_TriageQueue] ON [Incidents] ([Status], [NextDeadline], [Classification], [Kind], [AwareAt], [Severity], [ReportedAt], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201144411_TriageNextDeadline'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201144411_TriageNextDeadline', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202061428_DatesWithoutTime'
)
BEGIN
    ALTER TABLE [Incidents] ADD [HappenedFromTimeUnknown] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202061428_DatesWithoutTime'
)
BEGIN
    ALTER TABLE [Incidents] ADD [HappenedToTimeUnknown] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202061428_DatesWithoutTime'
)
BEGIN
    ALTER TABLE [Complaints] ADD [AcknowledgedTimeUnknown] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202061428_DatesWithoutTime'
)
BEGIN
    ALTER TABLE [Complaints] ADD [ReceivedTimeUnknown] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202061428_DatesWithoutTime'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202061428_DatesWithoutTime', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202063712_DiscoveryTimeUnknown'
)
BEGIN
    ALTER TABLE [Incidents] ADD [DiscoveredTimeUnknown] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202063712_DiscoveryTimeUnknown'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202063712_DiscoveryTimeUnknown', N'10.0.15');
END;

COMMIT;
GO

