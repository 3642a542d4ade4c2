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
</context>
<context>
    <name>FileStep</name>
    <message numerus="yes">
        <source>%n empty rows are left out.</source>
        <translation>
            <numerusform>%n empty row is left out.</numerusform>
            <numerusform>%n empty rows are left out.</numerusform>
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
    <name>PaymentsTab</name>
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
    <name>PreviewStep</name>
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
    <name>SyncPage</name>
    <message numerus="yes">
        <source>%n changes</source>
        <translation>
            <numerusform>%n change</numerusform>
            <numerusform>%n changes</numerusform>
        </translation>
    </message>
</context>
</TS>
