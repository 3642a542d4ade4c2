<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AgreementWindow</name>
    <message numerus="yes">
        <source>%n months, {start} – {end}</source>
        <translation>
            <numerusform>%n month, {start} – {end}</numerusform>
            <numerusform>%n months, {start} – {end}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{rent}, %n months rent-free</source>
        <translation>
            <numerusform>{rent}, %n month rent-free</numerusform>
            <numerusform>{rent}, %n months rent-free</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Active. %n monitoring visits are scheduled.</source>
        <translation>
            <numerusform>Active. %n monitoring visit is scheduled.</numerusform>
            <numerusform>Active. %n monitoring visits are scheduled.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AgreementsPage</name>
    <message numerus="yes">
        <source>%n contracts written.</source>
        <translation>
            <numerusform>%n contract written.</numerusform>
            <numerusform>%n contracts written.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AssessmentsTab</name>
    <message numerus="yes">
        <source>{name}: {length} × {width} m, height {height} m, %n openings</source>
        <translation>
            <numerusform>{name}: {length} × {width} m, height {height} m, %n opening</numerusform>
            <numerusform>{name}: {length} × {width} m, height {height} m, %n openings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BackupPage</name>
    <message numerus="yes">
        <source>Backed up in {seconds} s: {name} (%n new photos).</source>
        <translation>
            <numerusform>Backed up in {seconds} s: {name} (%n new photo).</numerusform>
            <numerusform>Backed up in {seconds} s: {name} (%n new photos).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Archive written in {seconds} s: {path} (%n photos).</source>
        <translation>
            <numerusform>Archive written in {seconds} s: {path} (%n photo).</numerusform>
            <numerusform>Archive written in {seconds} s: {path} (%n photos).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BarCasesDialog</name>
    <message numerus="yes">
        <source>%n{more} cases; open one with Enter or a double click.</source>
        <translation>
            <numerusform>%n{more} case; open it with Enter or a double click.</numerusform>
            <numerusform>%n{more} cases; open one with Enter or a double click.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BoQEditor</name>
    <message numerus="yes">
        <source>%n items match &apos;{text}&apos; equally well: type more, or pick one with ↓ and press Enter.</source>
        <translation>
            <numerusform>%n item matches &apos;{text}&apos; equally well: type more, or pick it with ↓ and press Enter.</numerusform>
            <numerusform>%n items match &apos;{text}&apos; equally well: type more, or pick one with ↓ and press Enter.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BoQTab</name>
    <message numerus="yes">
        <source>%n revisions. Approved: {approved}.</source>
        <translation>
            <numerusform>%n revision. Approved: {approved}.</numerusform>
            <numerusform>%n revisions. Approved: {approved}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CataloguePage</name>
    <message numerus="yes">
        <source>{label} from {date} ({state}, %n items)</source>
        <translation>
            <numerusform>{label} from {date} ({state}, %n item)</numerusform>
            <numerusform>{label} from {date} ({state}, %n items)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n items to {path}.</source>
        <translation>
            <numerusform>Wrote %n item to {path}.</numerusform>
            <numerusform>Wrote %n items to {path}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DwellingFileDialog</name>
    <message numerus="yes">
        <source>%n rooms</source>
        <translation>
            <numerusform>%n room</numerusform>
            <numerusform>%n rooms</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DwellingsPage</name>
    <message numerus="yes">
        <source>%n{more} dwellings shown</source>
        <translation>
            <numerusform>%n{more} dwelling shown</numerusform>
            <numerusform>%n{more} dwellings shown</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FileStep</name>
    <message numerus="yes">
        <source>%n rows</source>
        <translation>
            <numerusform>%n row</numerusform>
            <numerusform>%n rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n columns</source>
        <translation>
            <numerusform>%n column</numerusform>
            <numerusform>%n columns</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n empty rows are left out.</source>
        <translation>
            <numerusform>%n empty row is left out.</numerusform>
            <numerusform>%n empty rows are left out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A KoboToolbox/ODK export with %n repeat-group sheets.</source>
        <translation>
            <numerusform>A KoboToolbox/ODK export with %n repeat-group sheet.</numerusform>
            <numerusform>A KoboToolbox/ODK export with %n repeat-group sheets.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HouseholdTab</name>
    <message numerus="yes">
        <source>%n people: {bands}</source>
        <translation>
            <numerusform>%n person: {bands}</numerusform>
            <numerusform>%n people: {bands}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <source>All or nothing: nothing will be imported while %n rows are rejected. Correct them (save the report) or choose to import the valid rows.</source>
        <translation>
            <numerusform>All or nothing: nothing will be imported while %n row is rejected. Correct it (save the report) or choose to import the valid rows.</numerusform>
            <numerusform>All or nothing: nothing will be imported while %n rows are rejected. Correct them (save the report) or choose to import the valid rows.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Database: {name} — %n dwellings</source>
        <translation>
            <numerusform>Database: {name} — %n dwelling</numerusform>
            <numerusform>Database: {name} — %n dwellings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MeasurementTable</name>
    <message numerus="yes">
        <source>%n windows</source>
        <translation>
            <numerusform>%n window</numerusform>
            <numerusform>%n windows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n doors</source>
        <translation>
            <numerusform>%n door</numerusform>
            <numerusform>%n doors</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PackageButtons</name>
    <message numerus="yes">
        <source>%n changes</source>
        <translation>
            <numerusform>%n change</numerusform>
            <numerusform>%n changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photos and scans</source>
        <translation>
            <numerusform>%n photo or scan</numerusform>
            <numerusform>%n photos and scans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n applied</source>
        <translation>
            <numerusform>%n applied</numerusform>
            <numerusform>%n applied</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in conflict</source>
        <translation>
            <numerusform>%n in conflict</numerusform>
            <numerusform>%n in conflict</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused</source>
        <translation>
            <numerusform>%n refused</numerusform>
            <numerusform>%n refused</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PaymentsTab</name>
    <message numerus="yes">
        <source>%n approved timesheets (days worked: {days}) wait for a batch.</source>
        <translation>
            <numerusform>%n approved timesheet (days worked: {days}) waits for a batch.</numerusform>
            <numerusform>%n approved timesheets (days worked: {days}) wait for a batch.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved {path}: %n lines, total {total}.</source>
        <translation>
            <numerusform>Saved {path}: %n line, total {total}.</numerusform>
            <numerusform>Saved {path}: %n lines, total {total}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message numerus="yes">
        <source>%n pages — {path}</source>
        <translation>
            <numerusform>%n page — {path}</numerusform>
            <numerusform>%n pages — {path}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PhotosPanel</name>
    <message numerus="yes">
        <source>%n photos. Double-click one to look at it closely.</source>
        <translation>
            <numerusform>%n photo. Double-click it to look at it closely.</numerusform>
            <numerusform>%n photos. Double-click one to look at it closely.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n photos from this dwelling? The audit trail keeps a record of them.</source>
        <translation>
            <numerusform>Remove %n photo from this dwelling? The audit trail keeps a record of it.</numerusform>
            <numerusform>Remove %n photos from this dwelling? The audit trail keeps a record of them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photos imported</source>
        <translation>
            <numerusform>%n photo imported</numerusform>
            <numerusform>%n photos imported</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n duplicates</source>
        <translation>
            <numerusform>%n duplicate</numerusform>
            <numerusform>%n duplicates</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photos refused</source>
        <translation>
            <numerusform>%n photo refused</numerusform>
            <numerusform>%n photos refused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not imported</source>
        <translation>
            <numerusform>%n not imported</numerusform>
            <numerusform>%n not imported</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PreviewStep</name>
    <message numerus="yes">
        <source>%n new rows</source>
        <translation>
            <numerusform>%n new row</numerusform>
            <numerusform>%n new rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n updated</source>
        <translation>
            <numerusform>%n updated</numerusform>
            <numerusform>%n updated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unchanged</source>
        <translation>
            <numerusform>%n unchanged</numerusform>
            <numerusform>%n unchanged</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>%n skipped</numerusform>
            <numerusform>%n skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejected</source>
        <translation>
            <numerusform>%n rejected</numerusform>
            <numerusform>%n rejected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n empty rows left out</source>
        <translation>
            <numerusform>%n empty row left out</numerusform>
            <numerusform>%n empty rows left out</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photos imported</source>
        <translation>
            <numerusform>%n photo imported</numerusform>
            <numerusform>%n photos imported</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photos not found</source>
        <translation>
            <numerusform>%n photo not found</numerusform>
            <numerusform>%n photos not found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more (see the report)</source>
        <translation>
            <numerusform>and %n more (see the report)</numerusform>
            <numerusform>and %n more (see the report)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n rows to {path}.</source>
        <translation>
            <numerusform>Wrote %n row to {path}.</numerusform>
            <numerusform>Wrote %n rows to {path}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message numerus="yes">
        <source>{scope} — %n cases.</source>
        <translation>
            <numerusform>{scope} — %n case.</numerusform>
            <numerusform>{scope} — %n cases.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RequestInbox</name>
    <message numerus="yes">
        <source>Approved timesheet of %n workers; days worked: {days}.</source>
        <translation>
            <numerusform>Approved timesheet of %n worker; days worked: {days}.</numerusform>
            <numerusform>Approved timesheet of %n workers; days worked: {days}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message numerus="yes">
        <source>%n changes</source>
        <translation>
            <numerusform>%n change</numerusform>
            <numerusform>%n changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n applied</source>
        <translation>
            <numerusform>%n applied</numerusform>
            <numerusform>%n applied</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in conflict</source>
        <translation>
            <numerusform>%n in conflict</numerusform>
            <numerusform>%n in conflict</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused</source>
        <translation>
            <numerusform>%n refused</numerusform>
            <numerusform>%n refused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server did not take %n payment batches built on this laptop:</source>
        <translation>
            <numerusform>The server did not take %n payment batch built on this laptop:</numerusform>
            <numerusform>The server did not take %n payment batches built on this laptop:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n records of this office now name a record of another office, which this laptop never receives; it no longer shows them:</source>
        <translation>
            <numerusform>%n record of this office now names a record of another office, which this laptop never receives; it no longer shows it:</numerusform>
            <numerusform>%n records of this office now name a record of another office, which this laptop never receives; it no longer shows them:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ValuesStep</name>
    <message numerus="yes">
        <source>%n values have no value in the app: rows with them will be refused.</source>
        <translation>
            <numerusform>%n value has no value in the app: rows with it will be refused.</numerusform>
            <numerusform>%n values have no value in the app: rows with them will be refused.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>assessment</name>
    <message numerus="yes">
        <source>{component}: shorten the notes to %n characters.</source>
        <translation>
            <numerusform>{component}: shorten the notes to %n character.</numerusform>
            <numerusform>{component}: shorten the notes to %n characters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>auth</name>
    <message numerus="yes">
        <source>A user name has {low} to %n characters: Latin letters a-z without accents, digits, dots (.), hyphens (-) and underscores (_), starting with a letter or a digit; no spaces, no Turkish or Arabic letters. For example: ayse.kaya</source>
        <translation>
            <numerusform>A user name has {low} to %n character: Latin letters a-z without accents, digits, dots (.), hyphens (-) and underscores (_), starting with a letter or a digit; no spaces, no Turkish or Arabic letters. For example: ayse.kaya</numerusform>
            <numerusform>A user name has {low} to %n characters: Latin letters a-z without accents, digits, dots (.), hyphens (-) and underscores (_), starting with a letter or a digit; no spaces, no Turkish or Arabic letters. For example: ayse.kaya</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The password needs at least %n characters.</source>
        <translation>
            <numerusform>The password needs at least %n character.</numerusform>
            <numerusform>The password needs at least %n characters.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many failed attempts: this account is locked for %n more minutes.</source>
        <translation>
            <numerusform>Too many failed attempts: this account is locked for %n more minute.</numerusform>
            <numerusform>Too many failed attempts: this account is locked for %n more minutes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>boq</name>
    <message numerus="yes">
        <source>The quantity {value} is out of range; enter at most %n decimals and less than a billion.</source>
        <translation>
            <numerusform>The quantity {value} is out of range; enter at most %n decimal and less than a billion.</numerusform>
            <numerusform>The quantity {value} is out of range; enter at most %n decimals and less than a billion.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>check</name>
    <message numerus="yes">
        <source>{ref}: %n labour days ({first} – {last}) lie outside the works (agreement signed: {signed}).</source>
        <translation>
            <numerusform>{ref}: %n labour day ({first} – {last}) lies outside the works (agreement signed: {signed}).</numerusform>
            <numerusform>{ref}: %n labour days ({first} – {last}) lie outside the works (agreement signed: {signed}).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Timesheet {ref} holds %n labour days of another site or outside its period; a payment batch would pay them as its site&apos;s labour.</source>
        <translation>
            <numerusform>Timesheet {ref} holds %n labour day of another site or outside its period; a payment batch would pay it as its site&apos;s labour.</numerusform>
            <numerusform>Timesheet {ref} holds %n labour days of another site or outside its period; a payment batch would pay them as its site&apos;s labour.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message numerus="yes">
        <source>Wrote %n rows to {path}.</source>
        <translation>
            <numerusform>Wrote %n row to {path}.</numerusform>
            <numerusform>Wrote %n rows to {path}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rows imported</source>
        <translation>
            <numerusform>%n row imported</numerusform>
            <numerusform>%n rows imported</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n updated</source>
        <translation>
            <numerusform>%n updated</numerusform>
            <numerusform>%n updated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>%n skipped</numerusform>
            <numerusform>%n skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unchanged</source>
        <translation>
            <numerusform>%n unchanged</numerusform>
            <numerusform>%n unchanged</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejected</source>
        <translation>
            <numerusform>%n rejected</numerusform>
            <numerusform>%n rejected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n empty rows ignored</source>
        <translation>
            <numerusform>%n empty row ignored</numerusform>
            <numerusform>%n empty rows ignored</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photos imported</source>
        <translation>
            <numerusform>%n photo imported</numerusform>
            <numerusform>%n photos imported</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photos not found</source>
        <translation>
            <numerusform>%n photo not found</numerusform>
            <numerusform>%n photos not found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote {number} (%n lines) to {path}.</source>
        <translation>
            <numerusform>Wrote {number} (%n line) to {path}.</numerusform>
            <numerusform>Wrote {number} (%n lines) to {path}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n workers</source>
        <translation>
            <numerusform>%n worker</numerusform>
            <numerusform>%n workers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote {contracts} to {path}; %n could not be printed.</source>
        <translation>
            <numerusform>Wrote {contracts} to {path}; %n could not be printed.</numerusform>
            <numerusform>Wrote {contracts} to {path}; %n could not be printed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n contracts</source>
        <translation>
            <numerusform>%n contract</numerusform>
            <numerusform>%n contracts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No payment batch has been built for {period} (%n approved timesheets wait); a supervisor builds it in the Cash-for-work screen.</source>
        <translation>
            <numerusform>No payment batch has been built for {period} (%n approved timesheet waits); a supervisor builds it in the Cash-for-work screen.</numerusform>
            <numerusform>No payment batch has been built for {period} (%n approved timesheets wait); a supervisor builds it in the Cash-for-work screen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n payment lines</source>
        <translation>
            <numerusform>%n payment line</numerusform>
            <numerusform>%n payment lines</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n batches</source>
        <translation>
            <numerusform>%n batch</numerusform>
            <numerusform>%n batches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cases</source>
        <translation>
            <numerusform>%n case</numerusform>
            <numerusform>%n cases</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{done}/%n dwellings</source>
        <translation>
            <numerusform>{done}/%n dwelling</numerusform>
            <numerusform>{done}/%n dwellings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n dwellings</source>
        <translation>
            <numerusform>%n dwelling</numerusform>
            <numerusform>%n dwellings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n households</source>
        <translation>
            <numerusform>%n household</numerusform>
            <numerusform>%n households</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n landlords</source>
        <translation>
            <numerusform>%n landlord</numerusform>
            <numerusform>%n landlords</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n offices</source>
        <translation>
            <numerusform>%n office</numerusform>
            <numerusform>%n offices</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photos copied</source>
        <translation>
            <numerusform>%n photo copied</numerusform>
            <numerusform>%n photos copied</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n existing records are ready to be pulled.</source>
        <translation>
            <numerusform>%n existing record is ready to be pulled.</numerusform>
            <numerusform>%n existing records are ready to be pulled.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Logging existing records: %n so far, now {table}.</source>
        <translation>
            <numerusform>Logging existing records: %n so far, now {table}.</numerusform>
            <numerusform>Logging existing records: %n so far, now {table}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The code works once, for %n days.</source>
        <translation>
            <numerusform>The code works once, for %n day.</numerusform>
            <numerusform>The code works once, for %n days.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n records</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changes</source>
        <translation>
            <numerusform>%n change</numerusform>
            <numerusform>%n changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photos and scans</source>
        <translation>
            <numerusform>%n photo or scan</numerusform>
            <numerusform>%n photos and scans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n applied</source>
        <translation>
            <numerusform>%n applied</numerusform>
            <numerusform>%n applied</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in conflict</source>
        <translation>
            <numerusform>%n in conflict</numerusform>
            <numerusform>%n in conflict</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused</source>
        <translation>
            <numerusform>%n refused</numerusform>
            <numerusform>%n refused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n duplicates</source>
        <translation>
            <numerusform>%n duplicate</numerusform>
            <numerusform>%n duplicates</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photos refused</source>
        <translation>
            <numerusform>%n photo refused</numerusform>
            <numerusform>%n photos refused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not imported</source>
        <translation>
            <numerusform>%n not imported</numerusform>
            <numerusform>%n not imported</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>demo</name>
    <message numerus="yes">
        <source>The database already holds %n dwellings; demo data only goes into an empty database. Use --db to name a new file.</source>
        <translation>
            <numerusform>The database already holds %n dwelling; demo data only goes into an empty database. Use --db to name a new file.</numerusform>
            <numerusform>The database already holds %n dwellings; demo data only goes into an empty database. Use --db to name a new file.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dwellings</name>
    <message numerus="yes">
        <source>%n people, {nationality}</source>
        <translation>
            <numerusform>%n person, {nationality}</numerusform>
            <numerusform>%n people, {nationality}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fields</name>
    <message numerus="yes">
        <source>The {label} is too long: %n characters, at most {most}.</source>
        <translation>
            <numerusform>The {label} is too long: %n character, at most {most}.</numerusform>
            <numerusform>The {label} is too long: %n characters, at most {most}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>iban</name>
    <message numerus="yes">
        <source>A Turkish IBAN has 26 characters; this one has %n.</source>
        <translation>
            <numerusform>A Turkish IBAN has 26 characters; this one has %n.</numerusform>
            <numerusform>A Turkish IBAN has 26 characters; this one has %n.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ids</name>
    <message numerus="yes">
        <source>ID number must have 11 digits; &apos;{raw}&apos; has %n.</source>
        <translation>
            <numerusform>ID number must have 11 digits; &apos;{raw}&apos; has %n.</numerusform>
            <numerusform>ID number must have 11 digits; &apos;{raw}&apos; has %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A company tax number has 10 digits; &apos;{raw}&apos; has %n.</source>
        <translation>
            <numerusform>A company tax number has 10 digits; &apos;{raw}&apos; has %n.</numerusform>
            <numerusform>A company tax number has 10 digits; &apos;{raw}&apos; has %n.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>imports</name>
    <message numerus="yes">
        <source>Only the household&apos;s size is given (%n people); its members by sex and age can be added in the household form.</source>
        <translation>
            <numerusform>Only the household&apos;s size is given (%n person); its members by sex and age can be added in the household form.</numerusform>
            <numerusform>Only the household&apos;s size is given (%n people); its members by sex and age can be added in the household form.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing was imported: %n rows were rejected and you chose all or nothing. Correct them (see the report) and import again.</source>
        <translation>
            <numerusform>Nothing was imported: %n row was rejected and you chose all or nothing. Correct it (see the report) and import again.</numerusform>
            <numerusform>Nothing was imported: %n rows were rejected and you chose all or nothing. Correct them (see the report) and import again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{file}: the value starting on line {line} is longer than %n characters; a quote (&quot;) is probably not closed: fix it in a text editor or export the file again.</source>
        <translation>
            <numerusform>{file}: the value starting on line {line} is longer than %n character; a quote (&quot;) is probably not closed: fix it in a text editor or export the file again.</numerusform>
            <numerusform>{file}: the value starting on line {line} is longer than %n characters; a quote (&quot;) is probably not closed: fix it in a text editor or export the file again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n values</source>
        <translation>
            <numerusform>%n value</numerusform>
            <numerusform>%n values</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n columns</source>
        <translation>
            <numerusform>%n column</numerusform>
            <numerusform>%n columns</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{file} has more than %n rows; split it into files of at most %n rows and import them one after the other.</source>
        <translation>
            <numerusform>{file} has more than %n row; split it into files of at most %n row and import them one after the other.</numerusform>
            <numerusform>{file} has more than %n rows; split it into files of at most %n rows and import them one after the other.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lease</name>
    <message numerus="yes">
        <source>The term must be 1 to %n months (TBK 344/3); {term} is not allowed.</source>
        <translation>
            <numerusform>The term must be 1 to %n month (TBK 344/3); {term} is not allowed.</numerusform>
            <numerusform>The term must be 1 to %n months (TBK 344/3); {term} is not allowed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A term of %n months from {start} ends on {end}, not on {given}; correct the end date or the term.</source>
        <translation>
            <numerusform>A term of %n month from {start} ends on {end}, not on {given}; correct the end date or the term.</numerusform>
            <numerusform>A term of %n months from {start} ends on {end}, not on {given}; correct the end date or the term.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The deposit {deposit} is more than %n months&apos; rent ({cap}), the most TBK 342 allows; lower the deposit.</source>
        <translation>
            <numerusform>The deposit {deposit} is more than %n month&apos;s rent ({cap}), the most TBK 342 allows; lower the deposit.</numerusform>
            <numerusform>The deposit {deposit} is more than %n months&apos; rent ({cap}), the most TBK 342 allows; lower the deposit.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>money</name>
    <message numerus="yes">
        <source>&apos;{raw}&apos; has %n decimal places; at most {places} are allowed. A single &apos;.&apos; is read as a decimal point: for thousands write 1234 or 1.234,00.</source>
        <translation>
            <numerusform>&apos;{raw}&apos; has %n decimal place; at most {places} are allowed. A single &apos;.&apos; is read as a decimal point: for thousands write 1234 or 1.234,00.</numerusform>
            <numerusform>&apos;{raw}&apos; has %n decimal places; at most {places} are allowed. A single &apos;.&apos; is read as a decimal point: for thousands write 1234 or 1.234,00.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&apos;{raw}&apos; has %n decimal places; at most {places} are allowed.</source>
        <translation>
            <numerusform>&apos;{raw}&apos; has %n decimal place; at most {places} are allowed.</numerusform>
            <numerusform>&apos;{raw}&apos; has %n decimal places; at most {places} are allowed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>offices</name>
    <message numerus="yes">
        <source>The programme&apos;s name is too long: at most %n characters.</source>
        <translation>
            <numerusform>The programme&apos;s name is too long: at most %n character.</numerusform>
            <numerusform>The programme&apos;s name is too long: at most %n characters.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The office&apos;s name is too long: at most %n characters.</source>
        <translation>
            <numerusform>The office&apos;s name is too long: at most %n character.</numerusform>
            <numerusform>The office&apos;s name is too long: at most %n characters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>photos</name>
    <message numerus="yes">
        <source>The caption has %n characters; shorten it to {max}.</source>
        <translation>
            <numerusform>The caption has %n character; shorten it to {max}.</numerusform>
            <numerusform>The caption has %n characters; shorten it to {max}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>privacy</name>
    <message numerus="yes">
        <source>The note has %n characters; shorten it to {limit}.</source>
        <translation>
            <numerusform>The note has %n character; shorten it to {limit}.</numerusform>
            <numerusform>The note has %n characters; shorten it to {limit}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{ref} has %n labour days not yet paid; pay them before erasing the data.</source>
        <translation>
            <numerusform>{ref} has %n labour day not yet paid; pay it before erasing the data.</numerusform>
            <numerusform>{ref} has %n labour days not yet paid; pay them before erasing the data.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>reports</name>
    <message numerus="yes">
        <source>Ending within %n days</source>
        <translation>
            <numerusform>Ending within %n day</numerusform>
            <numerusform>Ending within %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sync</name>
    <message numerus="yes">
        <source>Every device mark is in use (%n laptops); no laptop can be added.</source>
        <translation>
            <numerusform>Every device mark is in use (%n laptop); no laptop can be added.</numerusform>
            <numerusform>Every device mark is in use (%n laptops); no laptop can be added.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The package code has %n letters and digits (groups of 4 such as 1A2B-…); check it and type it again.</source>
        <translation>
            <numerusform>The package code has %n letter or digit (groups of 4 such as 1A2B-…); check it and type it again.</numerusform>
            <numerusform>The package code has %n letters and digits (groups of 4 such as 1A2B-…); check it and type it again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The request is %n bytes, over the limit of {limit}; send smaller batches.</source>
        <translation>
            <numerusform>The request is %n byte, over the limit of {limit}; send smaller batches.</numerusform>
            <numerusform>The request is %n bytes, over the limit of {limit}; send smaller batches.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ops in one request; at most {limit} are accepted.</source>
        <translation>
            <numerusform>%n op in one request; at most {limit} are accepted.</numerusform>
            <numerusform>%n ops in one request; at most {limit} are accepted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>at most %n characters are allowed</source>
        <translation>
            <numerusform>at most %n character is allowed</numerusform>
            <numerusform>at most %n characters are allowed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A chunk must lie within a file of 1 byte to %n bytes.</source>
        <translation>
            <numerusform>A chunk must lie within a file of 1 byte to %n byte.</numerusform>
            <numerusform>A chunk must lie within a file of 1 byte to %n bytes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server holds %n bytes of this file; send from there.</source>
        <translation>
            <numerusform>The server holds %n byte of this file; send from there.</numerusform>
            <numerusform>The server holds %n bytes of this file; send from there.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>users</name>
    <message numerus="yes">
        <source>The full name is too long: at most %n characters.</source>
        <translation>
            <numerusform>The full name is too long: at most %n character.</numerusform>
            <numerusform>The full name is too long: at most %n characters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>workers</name>
    <message numerus="yes">
        <source>List at most %n skills.</source>
        <translation>
            <numerusform>List at most %n skill.</numerusform>
            <numerusform>List at most %n skills.</numerusform>
        </translation>
    </message>
</context>
</TS>
