<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en">
<context>
    <name>AddOfficeDialog</name>
    <message>
        <source>Add an office</source>
        <translation>إضافة مكتب</translation>
    </message>
    <message>
        <source>The code starts every reference the office issues (GAZ-D-000123) and cannot change later.</source>
        <translation>الرمز يبدأ به كل مرجع يصدره المكتب (GAZ-D-000123) ولا يمكن تغييره لاحقًا.</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add a user</source>
        <translation>إضافة مستخدم</translation>
    </message>
    <message>
        <source>The new user changes this temporary password at first sign-in.</source>
        <translation>يغيّر المستخدم الجديد كلمة المرور المؤقتة هذه عند أول تسجيل دخول.</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>اسم المستخدم</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>الاسم الكامل</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>الدور</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>المكتب</translation>
    </message>
    <message>
        <source>Temporary password</source>
        <translation>كلمة المرور المؤقتة</translation>
    </message>
</context>
<context>
    <name>AdministratorPage</name>
    <message>
        <source>The administrator</source>
        <translation>مدير النظام</translation>
    </message>
    <message>
        <source>The administrator adds engineers and supervisors and manages offices. Choose your own password; nobody else needs to know it.</source>
        <translation>يضيف مدير النظام المهندسين والمشرفين ويدير المكاتب. اختر كلمة مرورك بنفسك؛ لا حاجة لأن يعرفها أحد غيرك.</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>اسم المستخدم</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>الاسم الكامل</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>كلمة المرور</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>أعد كتابة كلمة المرور</translation>
    </message>
</context>
<context>
    <name>AgreementDialog</name>
    <message>
        <source>New agreement for {ref}</source>
        <translation>اتفاقية جديدة لـ ⁨{ref}⁩</translation>
    </message>
    <message>
        <source>Agreement {number}</source>
        <translation>الاتفاقية ⁨{number}⁩</translation>
    </message>
    <message>
        <source>Renew agreement {number}</source>
        <translation>تجديد الاتفاقية ⁨{number}⁩</translation>
    </message>
    <message>
        <source>e.g. GAZ-L-000012</source>
        <translation>مثل GAZ-L-000012</translation>
    </message>
    <message>
        <source>Register…</source>
        <translation>تسجيل…</translation>
    </message>
    <message>
        <source>Complete…</source>
        <translation>إكمال…</translation>
    </message>
    <message>
        <source>Add the landlord&apos;s ID number, IBAN or address</source>
        <translation>أضف رقم هوية المؤجر أو رقم IBAN الخاص به أو عنوانه</translation>
    </message>
    <message>
        <source>Landlord</source>
        <translation>المؤجر</translation>
    </message>
    <message>
        <source> months</source>
        <translation> شهرًا</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>المدة</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>البداية</translation>
    </message>
    <message>
        <source>End</source>
        <translation>النهاية</translation>
    </message>
    <message>
        <source>e.g. 7.500,00</source>
        <translation>مثل 7.500,00</translation>
    </message>
    <message>
        <source>Monthly rent (TL, fixed)</source>
        <translation>الإيجار الشهري (TL، ثابت)</translation>
    </message>
    <message>
        <source>Rent-free months</source>
        <translation>الأشهر المعفاة من الإيجار</translation>
    </message>
    <message>
        <source>at most three months&apos; rent</source>
        <translation>إيجار ثلاثة أشهر على الأكثر</translation>
    </message>
    <message>
        <source>Deposit (TL)</source>
        <translation>التأمين (TL)</translation>
    </message>
    <message>
        <source>Rent paid by day of month</source>
        <translation>يوم دفع الإيجار من الشهر</translation>
    </message>
    <message>
        <source>empty: the landlord&apos;s IBAN</source>
        <translation>فارغ: رقم IBAN الخاص بالمؤجر</translation>
    </message>
    <message>
        <source>Paid into IBAN</source>
        <translation>يُدفع إلى رقم IBAN</translation>
    </message>
    <message>
        <source>Fixtures (demirbaş)</source>
        <translation>التجهيزات الثابتة (demirbaş)</translation>
    </message>
    <message>
        <source>empty: the tenant pays consumption and the building fee</source>
        <translation>فارغ: يدفع المستأجر قيمة الاستهلاك ورسوم البناء</translation>
    </message>
    <message>
        <source>Utilities and charges</source>
        <translation>المرافق والرسوم</translation>
    </message>
    <message>
        <source>block (ada)</source>
        <translation>الجزيرة (ada)</translation>
    </message>
    <message>
        <source>parcel (parsel)</source>
        <translation>القطعة (parsel)</translation>
    </message>
    <message>
        <source>Title deed</source>
        <translation>سند الملكية (الطابو)</translation>
    </message>
    <message>
        <source>empty: the courts of the province</source>
        <translation>فارغ: محاكم الولاية</translation>
    </message>
    <message>
        <source>Competent court</source>
        <translation>المحكمة المختصة</translation>
    </message>
    <message>
        <source>Turkish with Arabic</source>
        <translation>التركية مع العربية</translation>
    </message>
    <message>
        <source>Turkish with English</source>
        <translation>التركية مع الإنجليزية</translation>
    </message>
    <message>
        <source>Turkish only</source>
        <translation>التركية فقط</translation>
    </message>
    <message>
        <source>Printed in</source>
        <translation>لغة الطباعة</translation>
    </message>
    <message>
        <source>the dwelling&apos;s landlord</source>
        <translation>مؤجر المسكن</translation>
    </message>
</context>
<context>
    <name>AgreementTab</name>
    <message>
        <source>New agreement…</source>
        <translation>اتفاقية جديدة…</translation>
    </message>
    <message>
        <source>{number}: {status}, {start} – {end}, {rent} a month</source>
        <translation>{number}: {status}، {start} – {end}، {rent} شهرياً</translation>
    </message>
    <message>
        <source>No agreement yet.</source>
        <translation>لا توجد اتفاقية بعد.</translation>
    </message>
</context>
<context>
    <name>AgreementTableModel</name>
    <message>
        <source>Agreement</source>
        <translation>الاتفاقية</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Dwelling</source>
        <translation>المسكن</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>المستأجر</translation>
    </message>
    <message>
        <source>Landlord</source>
        <translation>المؤجر</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>البداية</translation>
    </message>
    <message>
        <source>End</source>
        <translation>النهاية</translation>
    </message>
    <message>
        <source>Monthly rent</source>
        <translation>الإيجار الشهري</translation>
    </message>
</context>
<context>
    <name>AgreementWindow</name>
    <message>
        <source>Dwelling</source>
        <translation>المسكن</translation>
    </message>
    <message>
        <source>Tenant household</source>
        <translation>الأسرة المستأجرة</translation>
    </message>
    <message>
        <source>Landlord</source>
        <translation>المؤجر</translation>
    </message>
    <message>
        <source>Works (BoQ)</source>
        <translation>الأعمال (جدول الكميات)</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>المدة</translation>
    </message>
    <message>
        <source>Monthly rent</source>
        <translation>الإيجار الشهري</translation>
    </message>
    <message>
        <source>Deposit</source>
        <translation>التأمين</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>الدفع</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>التوقيع</translation>
    </message>
    <message>
        <source>Renewal</source>
        <translation>التجديد</translation>
    </message>
    <message>
        <source>Printed in</source>
        <translation>لغة الطباعة</translation>
    </message>
    <message>
        <source>Record a visit…</source>
        <translation>تسجيل زيارة…</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>الشروط</translation>
    </message>
    <message>
        <source>Monitoring visits</source>
        <translation>زيارات المتابعة</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>تعديل…</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>معاينة</translation>
    </message>
    <message>
        <source>Print / open</source>
        <translation>طباعة / فتح</translation>
    </message>
    <message>
        <source>Record signature…</source>
        <translation>تسجيل التوقيع…</translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>تفعيل</translation>
    </message>
    <message>
        <source>Renew…</source>
        <translation>تجديد…</translation>
    </message>
    <message>
        <source>End…</source>
        <translation>إنهاء…</translation>
    </message>
    <message>
        <source>Terminate…</source>
        <translation>فسخ…</translation>
    </message>
    <message>
        <source>Breach…</source>
        <translation>مخالفة…</translation>
    </message>
    <message>
        <source>Signed scan</source>
        <translation>المسح الموقَّع</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>Agreement {number}</source>
        <translation>الاتفاقية ⁨{number}⁩</translation>
    </message>
    <message>
        <source>{number} — {status}</source>
        <translation>⁨{number}⁩ — ⁨{status}⁩</translation>
    </message>
    <message>
        <source>{ref}, {address}</source>
        <translation>{ref}، {address}</translation>
    </message>
    <message>
        <source>{name} ({ref})</source>
        <translation>{name} ({ref})</translation>
    </message>
    <message numerus="yes">
        <source>%n months, {start} – {end}</source>
        <translation>
            <numerusform>⁨%n⁩ شهر، ⁨{start}⁩ – ⁨{end}⁩</numerusform>
            <numerusform>شهر واحد، ⁨{start}⁩ – ⁨{end}⁩</numerusform>
            <numerusform>شهران، ⁨{start}⁩ – ⁨{end}⁩</numerusform>
            <numerusform>⁨%n⁩ أشهر، ⁨{start}⁩ – ⁨{end}⁩</numerusform>
            <numerusform>⁨%n⁩ شهرًا، ⁨{start}⁩ – ⁨{end}⁩</numerusform>
            <numerusform>⁨%n⁩ شهر، ⁨{start}⁩ – ⁨{end}⁩</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{rent}, %n months rent-free</source>
        <translation>
            <numerusform>⁨{rent}⁩، دون إعفاء من الإيجار</numerusform>
            <numerusform>⁨{rent}⁩، شهر واحد معفى من الإيجار</numerusform>
            <numerusform>⁨{rent}⁩، شهران معفيان من الإيجار</numerusform>
            <numerusform>⁨{rent}⁩، ⁨%n⁩ أشهر معفاة من الإيجار</numerusform>
            <numerusform>⁨{rent}⁩، ⁨%n⁩ شهرًا معفى من الإيجار</numerusform>
            <numerusform>⁨{rent}⁩، ⁨%n⁩ شهر معفى من الإيجار</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Active. %n monitoring visits are scheduled.</source>
        <translation>
            <numerusform>سارية. لم تُجدول أي زيارة متابعة.</numerusform>
            <numerusform>سارية. جُدولت زيارة متابعة واحدة.</numerusform>
            <numerusform>سارية. جُدولت زيارتا متابعة.</numerusform>
            <numerusform>سارية. جُدولت ⁨%n⁩ زيارات متابعة.</numerusform>
            <numerusform>سارية. جُدولت ⁨%n⁩ زيارة متابعة.</numerusform>
            <numerusform>سارية. جُدولت ⁨%n⁩ زيارة متابعة.</numerusform>
        </translation>
    </message>
    <message>
        <source>by day {day}, {account}</source>
        <translation>بحلول اليوم ⁨{day}⁩، ⁨{account}⁩</translation>
    </message>
    <message>
        <source>in cash</source>
        <translation>نقدًا</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>ليس بعد</translation>
    </message>
    <message>
        <source>renews {number}</source>
        <translation>تجدّد ⁨{number}⁩</translation>
    </message>
    <message>
        <source>renewed by {number}</source>
        <translation>جُدّدت بـ ⁨{number}⁩</translation>
    </message>
    <message>
        <source>Turkish with Arabic</source>
        <translation>التركية مع العربية</translation>
    </message>
    <message>
        <source>Turkish with English</source>
        <translation>التركية مع الإنجليزية</translation>
    </message>
    <message>
        <source>Turkish only</source>
        <translation>التركية فقط</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>السبب: ⁨{reason}⁩</translation>
    </message>
    <message>
        <source>Monitoring visits ({count})</source>
        <translation>زيارات المتابعة (⁨{count}⁩)</translation>
    </message>
    <message>
        <source>A copy: the status stays.</source>
        <translation>نسخة: تبقى الحالة كما هي.</translation>
    </message>
    <message>
        <source>No program on this computer opened {path}. Open the file from that folder, or use Preview to print it.</source>
        <translation>لم يفتح أي برنامج على هذا الحاسوب الملف {path}. افتح الملف من ذلك المجلد، أو استخدم المعاينة لطباعته.</translation>
    </message>
    <message>
        <source>Signature recorded; activate the agreement when it takes effect.</source>
        <translation>سُجّل التوقيع؛ فعّل الاتفاقية عندما تدخل حيّز التنفيذ.</translation>
    </message>
    <message>
        <source>The term is over. A note for the file (optional):</source>
        <translation>انتهت المدة. ملاحظة للملف (اختيارية):</translation>
    </message>
    <message>
        <source>Why does the agreement end early?</source>
        <translation>لماذا تنتهي الاتفاقية مبكرًا؟</translation>
    </message>
    <message>
        <source>What was found (rent raised, tenant made to leave…)?</source>
        <translation>ما الذي وُجد (رُفع الإيجار، أُجبر المستأجر على المغادرة…)؟</translation>
    </message>
    <message>
        <source>Renewal {number} drafted; preview and print it for signing.</source>
        <translation>أُعدّت مسودة التجديد ⁨{number}⁩؛ عاينها واطبعها للتوقيع.</translation>
    </message>
    <message>
        <source>Agreement breached</source>
        <translation>خُولفت الاتفاقية</translation>
    </message>
    <message>
        <source>The visit found: {finding}. The agreement is marked breached; tell the supervisor.</source>
        <translation>وجدت الزيارة: ⁨{finding}⁩. وُضعت على الاتفاقية علامة «مُخالَفة»؛ أبلغ المشرف.</translation>
    </message>
</context>
<context>
    <name>AgreementsPage</name>
    <message>
        <source>Agreements</source>
        <translation>الاتفاقيات</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>اليوم</translation>
    </message>
    <message>
        <source>Search by agreement or dwelling number, tenant or landlord</source>
        <translation>ابحث برقم الاتفاقية أو المسكن، أو باسم المستأجر أو المؤجر</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>جميع الحالات</translation>
    </message>
    <message>
        <source>New agreement…</source>
        <translation>اتفاقية جديدة…</translation>
    </message>
    <message>
        <source>Print these…</source>
        <translation>طباعة هذه…</translation>
    </message>
    <message>
        <source>One PDF per agreement of the chosen status, into a folder</source>
        <translation>ملف PDF لكل اتفاقية بالحالة المختارة، في مجلد</translation>
    </message>
    <message>
        <source>Landlords…</source>
        <translation>المؤجرون…</translation>
    </message>
    <message>
        <source>Ending within 60 days: {count}</source>
        <translation>تنتهي خلال 60 يومًا: ⁨{count}⁩</translation>
    </message>
    <message>
        <source>Monitoring visits overdue: {count}</source>
        <translation>زيارات متابعة متأخرة: ⁨{count}⁩</translation>
    </message>
    <message>
        <source>New agreement</source>
        <translation>اتفاقية جديدة</translation>
    </message>
    <message>
        <source>Dwelling (its BoQ is approved):</source>
        <translation>المسكن (جدول كمياته معتمد):</translation>
    </message>
    <message>
        <source>No dwelling is ready: an agreement needs a dwelling whose bill of quantities a supervisor has approved, and no agreement in preparation or in force.</source>
        <translation>لا يوجد مسكن جاهز: تحتاج الاتفاقية إلى مسكن اعتمد المشرف جدول كمياته، وليس له اتفاقية قيد الإعداد أو سارية.</translation>
    </message>
    <message>
        <source>Folder for the contracts</source>
        <translation>مجلد العقود</translation>
    </message>
    <message>
        <source>Printing contracts…</source>
        <translation>جارٍ طباعة العقود…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>{done} of {total}: {number}</source>
        <translation>⁨{done}⁩ من ⁨{total}⁩: ⁨{number}⁩</translation>
    </message>
    <message numerus="yes">
        <source>%n contracts written.</source>
        <translation>
            <numerusform>لم يُكتب أي عقد.</numerusform>
            <numerusform>تمت كتابة عقد واحد.</numerusform>
            <numerusform>تمت كتابة عقدين.</numerusform>
            <numerusform>تمت كتابة ⁨%n⁩ عقود.</numerusform>
            <numerusform>تمت كتابة ⁨%n⁩ عقدًا.</numerusform>
            <numerusform>تمت كتابة ⁨%n⁩ عقد.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled: the others were not printed.</source>
        <translation>أُلغي: لم تُطبع البقية.</translation>
    </message>
</context>
<context>
    <name>AssessmentDialog</name>
    <message>
        <source>Assess dwelling {ref}</source>
        <translation>تقييم المسكن ⁨{ref}⁩</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <source>People living there</source>
        <translation>عدد المقيمين فيه</translation>
    </message>
    <message>
        <source>Final assessment: the works are finished</source>
        <translation>التقييم النهائي: اكتملت الأعمال</translation>
    </message>
    <message>
        <source>Only while works are in progress.</source>
        <translation>فقط أثناء تنفيذ الأعمال.</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>النتيجة</translation>
    </message>
    <message>
        <source>Condition of each component (1 good – 4 failed)</source>
        <translation>حالة كل عنصر (1 جيدة – 4 تالفة)</translation>
    </message>
    <message>
        <source>– not assessed</source>
        <translation>– لم يُقيَّم</translation>
    </message>
    <message>
        <source>What is wrong, where</source>
        <translation>ما المشكلة وأين</translation>
    </message>
    <message>
        <source>Rooms and openings (metres; the bill of quantities reuses them)</source>
        <translation>الغرف والفتحات (بالمتر؛ يستخدمها جدول الكميات)</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>القرار</translation>
    </message>
    <message>
        <source>Eligible</source>
        <translation>مؤهَّل</translation>
    </message>
    <message>
        <source>Not eligible</source>
        <translation>غير مؤهَّل</translation>
    </message>
    <message>
        <source>Eligibility</source>
        <translation>الأهلية</translation>
    </message>
    <message>
        <source>Why: condition, vulnerability, landlord&apos;s consent</source>
        <translation>السبب: الحالة، أوجه الضعف، موافقة المؤجر</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>ملاحظات</translation>
    </message>
    <message>
        <source>Works done against the approved BoQ, and after photos</source>
        <translation>الأعمال المنجزة وفق جدول الكميات المعتمد، وصور ما بعد الأعمال</translation>
    </message>
    <message>
        <source>– not checked</source>
        <translation>– لم يُفحص</translation>
    </message>
    <message>
        <source>What is missing, and why</source>
        <translation>ما الناقص، ولماذا</translation>
    </message>
    <message>
        <source>The case has no approved BoQ lines to check.</source>
        <translation>لا توجد في هذه الحالة بنود معتمدة في جدول الكميات لفحصها.</translation>
    </message>
    <message>
        <source>After photos</source>
        <translation>صور ما بعد الأعمال</translation>
    </message>
    <message>
        <source>Take-off: {problem}</source>
        <translation>حساب الكميات: ⁨{problem}⁩</translation>
    </message>
    <message>
        <source>floor area per person unknown</source>
        <translation>مساحة الأرضية للفرد غير معروفة</translation>
    </message>
    <message>
        <source>{area} m² per person: below the Sphere minimum of {minimum} m²</source>
        <translation>⁨{area}⁩ m² للفرد: أقل من الحد الأدنى لمعايير اسفير البالغ ⁨{minimum}⁩ m²</translation>
    </message>
    <message>
        <source>{area} m² per person (Sphere minimum {minimum} m²)</source>
        <translation>⁨{area}⁩ m² للفرد (الحد الأدنى لمعايير اسفير ⁨{minimum}⁩ m²)</translation>
    </message>
    <message>
        <source>priority score after at least one condition is rated</source>
        <translation>تُحسب درجة الأولوية بعد تقييم حالة عنصر واحد على الأقل</translation>
    </message>
    <message>
        <source>priority score {score} of 100</source>
        <translation>درجة الأولوية ⁨{score}⁩ من 100</translation>
    </message>
</context>
<context>
    <name>AssessmentHistoryModel</name>
    <message>
        <source>Eligible</source>
        <translation>مؤهَّل</translation>
    </message>
    <message>
        <source>Not eligible</source>
        <translation>غير مؤهَّل</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <source>Assessor</source>
        <translation>المُقيِّم</translation>
    </message>
    <message>
        <source>People</source>
        <translation>الأفراد</translation>
    </message>
    <message>
        <source>m² per person</source>
        <translation>m² للفرد</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>الأولوية</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>القرار</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>نهائي</translation>
    </message>
</context>
<context>
    <name>AssessmentTableModel</name>
    <message>
        <source>Eligible</source>
        <translation>مؤهَّل</translation>
    </message>
    <message>
        <source>Not eligible</source>
        <translation>غير مؤهَّل</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <source>Dwelling</source>
        <translation>المسكن</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>الأولوية</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>القرار</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>نهائي</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>الأسرة</translation>
    </message>
    <message>
        <source>District</source>
        <translation>المنطقة</translation>
    </message>
    <message>
        <source>Assessor</source>
        <translation>المُقيِّم</translation>
    </message>
</context>
<context>
    <name>AssessmentsPage</name>
    <message>
        <source>Assessments</source>
        <translation>التقييمات</translation>
    </message>
    <message>
        <source>Search by dwelling reference, name, province, district or street</source>
        <translation>ابحث برقم المسكن أو الاسم أو الولاية أو المنطقة أو الشارع</translation>
    </message>
    <message>
        <source>Latest assessment of each dwelling only</source>
        <translation>أحدث تقييم لكل مسكن فقط</translation>
    </message>
</context>
<context>
    <name>AssessmentsTab</name>
    <message>
        <source>New assessment…</source>
        <translation>تقييم جديد…</translation>
    </message>
    <message>
        <source>Not assessed yet.</source>
        <translation>لم يُقيَّم بعد.</translation>
    </message>
    <message>
        <source>{decision}: {reason}</source>
        <translation>⁨{decision}⁩: ⁨{reason}⁩</translation>
    </message>
    <message numerus="yes">
        <source>{name}: {length} × {width} m, height {height} m, %n openings</source>
        <translation>
            <numerusform>⁨{name}⁩: ⁨{length}⁩ × ⁨{width}⁩ m، الارتفاع ⁨{height}⁩ m، لا فتحات</numerusform>
            <numerusform>⁨{name}⁩: ⁨{length}⁩ × ⁨{width}⁩ m، الارتفاع ⁨{height}⁩ m، فتحة واحدة</numerusform>
            <numerusform>⁨{name}⁩: ⁨{length}⁩ × ⁨{width}⁩ m، الارتفاع ⁨{height}⁩ m، فتحتان</numerusform>
            <numerusform>⁨{name}⁩: ⁨{length}⁩ × ⁨{width}⁩ m، الارتفاع ⁨{height}⁩ m، ⁨%n⁩ فتحات</numerusform>
            <numerusform>⁨{name}⁩: ⁨{length}⁩ × ⁨{width}⁩ m، الارتفاع ⁨{height}⁩ m، ⁨%n⁩ فتحةً</numerusform>
            <numerusform>⁨{name}⁩: ⁨{length}⁩ × ⁨{width}⁩ m، الارتفاع ⁨{height}⁩ m، ⁨%n⁩ فتحة</numerusform>
        </translation>
    </message>
    <message>
        <source>Works done against the approved BoQ:</source>
        <translation>الأعمال المنجزة وفق جدول الكميات المعتمد:</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Audit trail</source>
        <translation>سجل التدقيق</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>اسم المستخدم</translation>
    </message>
    <message>
        <source>Record reference, e.g. GAZ-D-000001</source>
        <translation>رقم السجل، مثل GAZ-D-000001</translation>
    </message>
    <message>
        <source>From</source>
        <translation>من</translation>
    </message>
    <message>
        <source>To</source>
        <translation>إلى</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>عرض</translation>
    </message>
    <message>
        <source>No record {ref}; check the reference.</source>
        <translation>لا يوجد سجل ⁨{ref}⁩؛ تحقّق من الرقم المرجعي.</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>When</source>
        <translation>الوقت</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>المستخدم</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>السجل</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>التغييرات</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
</context>
<context>
    <name>AutoBackup</name>
    <message>
        <source>Automatic backup made.</source>
        <translation>تم إنشاء نسخة احتياطية تلقائية.</translation>
    </message>
    <message>
        <source>Automatic backup failed: {reason}</source>
        <translation>فشل النسخ الاحتياطي التلقائي: ⁨{reason}⁩</translation>
    </message>
</context>
<context>
    <name>BackupPage</name>
    <message>
        <source>Backups</source>
        <translation>النسخ الاحتياطية</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>تاريخ الإنشاء</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>الحجم</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>نسخ احتياطي الآن</translation>
    </message>
    <message>
        <source>Save archive…</source>
        <translation>حفظ الأرشيف…</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>استعادة…</translation>
    </message>
    <message>
        <source>Only an administrator can restore a backup.</source>
        <translation>لا يستطيع استعادة نسخة احتياطية إلا مدير النظام.</translation>
    </message>
    <message>
        <source>This database is on a server ({name}); back it up with the server&apos;s own tools.</source>
        <translation>قاعدة البيانات هذه على خادم (⁨{name}⁩)؛ انسخها احتياطيًا بأدوات الخادم نفسه.</translation>
    </message>
    <message>
        <source>Automatic backups are kept in {folder}</source>
        <translation>تُحفظ النسخ الاحتياطية التلقائية في ⁦{folder}⁩</translation>
    </message>
    <message>
        <source>No backup has been made yet.</source>
        <translation>لم تُنشأ أي نسخة احتياطية بعد.</translation>
    </message>
    <message>
        <source>Backing up the database and its photos…</source>
        <translation>جارٍ نسخ قاعدة البيانات وصورها احتياطيًا…</translation>
    </message>
    <message>
        <source>Save a backup archive</source>
        <translation>حفظ أرشيف نسخة احتياطية</translation>
    </message>
    <message>
        <source>Backup archives (*.zip)</source>
        <translation>أرشيفات النسخ الاحتياطية (*.zip)</translation>
    </message>
    <message>
        <source>Writing the archive {path}…</source>
        <translation>جارٍ كتابة الأرشيف ⁦{path}⁩…</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>استعادة نسخة احتياطية</translation>
    </message>
    <message>
        <source>Backups (*.zip *.db)</source>
        <translation>النسخ الاحتياطية (*.zip *.db)</translation>
    </message>
    <message>
        <source>Restore this backup?</source>
        <translation>هل تريد استعادة هذه النسخة الاحتياطية؟</translation>
    </message>
    <message>
        <source>Replace the current database with the backup {file}?

The current database is kept beside it as a copy. Changes made since the backup will not be in the restored data. Barınak must be restarted afterwards.</source>
        <translation>هل تريد استبدال قاعدة البيانات الحالية بالنسخة الاحتياطية ⁦{file}⁩؟

تُحفظ قاعدة البيانات الحالية بجانبها كنسخة. التغييرات التي أُجريت بعد النسخة الاحتياطية لن تكون في البيانات المستعادة. يجب إعادة تشغيل Barınak بعد ذلك.</translation>
    </message>
    <message>
        <source>Backup of another laptop</source>
        <translation>نسخة احتياطية من حاسوب محمول آخر</translation>
    </message>
    <message>
        <source>This backup was made on another laptop and is encrypted with its key.
Type that laptop&apos;s recovery key to restore it here; its users then sign in with their own passwords.</source>
        <translation>أُخذت هذه النسخة الاحتياطية على حاسوب محمول آخر وهي مشفّرة بمفتاحه.
اكتب مفتاح الاسترداد الخاص بذلك الحاسوب لاستعادتها هنا؛ بعد ذلك يسجّل مستخدموه الدخول بكلمات مرورهم.</translation>
    </message>
    <message>
        <source>Nothing was restored.</source>
        <translation>لم تتم استعادة أي شيء.</translation>
    </message>
    <message numerus="yes">
        <source>Backed up in {seconds} s: {name} (%n new photos).</source>
        <translation>
            <numerusform>تم النسخ الاحتياطي في ⁨{seconds}⁩ ث: ⁨{name}⁩ (لا صور جديدة).</numerusform>
            <numerusform>تم النسخ الاحتياطي في ⁨{seconds}⁩ ث: ⁨{name}⁩ (صورة جديدة واحدة).</numerusform>
            <numerusform>تم النسخ الاحتياطي في ⁨{seconds}⁩ ث: ⁨{name}⁩ (صورتان جديدتان).</numerusform>
            <numerusform>تم النسخ الاحتياطي في ⁨{seconds}⁩ ث: ⁨{name}⁩ (⁨%n⁩ صور جديدة).</numerusform>
            <numerusform>تم النسخ الاحتياطي في ⁨{seconds}⁩ ث: ⁨{name}⁩ (⁨%n⁩ صورةً جديدة).</numerusform>
            <numerusform>تم النسخ الاحتياطي في ⁨{seconds}⁩ ث: ⁨{name}⁩ (⁨%n⁩ صورة جديدة).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Archive written in {seconds} s: {path} (%n photos).</source>
        <translation>
            <numerusform>تمت كتابة الأرشيف في ⁨{seconds}⁩ ث: ⁦{path}⁩ (لا صور).</numerusform>
            <numerusform>تمت كتابة الأرشيف في ⁨{seconds}⁩ ث: ⁦{path}⁩ (صورة واحدة).</numerusform>
            <numerusform>تمت كتابة الأرشيف في ⁨{seconds}⁩ ث: ⁦{path}⁩ (صورتان).</numerusform>
            <numerusform>تمت كتابة الأرشيف في ⁨{seconds}⁩ ث: ⁦{path}⁩ (⁨%n⁩ صور).</numerusform>
            <numerusform>تمت كتابة الأرشيف في ⁨{seconds}⁩ ث: ⁦{path}⁩ (⁨%n⁩ صورةً).</numerusform>
            <numerusform>تمت كتابة الأرشيف في ⁨{seconds}⁩ ث: ⁦{path}⁩ (⁨%n⁩ صورة).</numerusform>
        </translation>
    </message>
    <message>
        <source>The backup made on {made} was restored. {kept}

Close Barınak and start it again to work with the restored data.</source>
        <translation>تمت استعادة النسخة الاحتياطية المُنشأة في ⁨{made}⁩. ⁨{kept}⁩

أغلق Barınak ثم شغّله من جديد للعمل على البيانات المستعادة.</translation>
    </message>
    <message>
        <source>Checking and restoring the backup…</source>
        <translation>جارٍ فحص النسخة الاحتياطية واستعادتها…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Nothing has changed since the last backup ({name}); no new backup was needed.</source>
        <translation>لم يتغيّر شيء منذ آخر نسخة احتياطية (⁨{name}⁩)؛ لم تكن هناك حاجة إلى نسخة جديدة.</translation>
    </message>
    <message>
        <source>The replaced database was kept as {path}.</source>
        <translation>حُفظت قاعدة البيانات المستبدَلة باسم ⁦{path}⁩.</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>تمت استعادة النسخة الاحتياطية</translation>
    </message>
</context>
<context>
    <name>BarCasesDialog</name>
    <message>
        <source>Cases behind the bar</source>
        <translation>الحالات وراء هذا العمود</translation>
    </message>
    <message numerus="yes">
        <source>%n{more} cases; open one with Enter or a double click.</source>
        <translation>
            <numerusform>لا حالات{more}.</numerusform>
            <numerusform>حالة واحدة{more}؛ افتحها بمفتاح Enter أو بنقرة مزدوجة.</numerusform>
            <numerusform>حالتان{more}؛ افتح إحداهما بمفتاح Enter أو بنقرة مزدوجة.</numerusform>
            <numerusform>⁨%n{more}⁩ حالات؛ افتح إحداها بمفتاح Enter أو بنقرة مزدوجة.</numerusform>
            <numerusform>⁨%n{more}⁩ حالةً؛ افتح إحداها بمفتاح Enter أو بنقرة مزدوجة.</numerusform>
            <numerusform>⁨%n{more}⁩ حالة؛ افتح إحداها بمفتاح Enter أو بنقرة مزدوجة.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BatchesModel</name>
    <message>
        <source>Batch</source>
        <translation>الدفعة</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>الفترة</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Timesheets</source>
        <translation>كشوف الدوام</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>المجموع</translation>
    </message>
    <message>
        <source>Paid on</source>
        <translation>تاريخ الدفع</translation>
    </message>
</context>
<context>
    <name>BeforeAfterDialog</name>
    <message>
        <source>Before and after</source>
        <translation>قبل وبعد</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>قبل</translation>
    </message>
    <message>
        <source>After</source>
        <translation>بعد</translation>
    </message>
    <message>
        <source>No photo with this tag yet.</source>
        <translation>لا توجد صورة بهذا الوسم بعد.</translation>
    </message>
</context>
<context>
    <name>BoQEditor</name>
    <message>
        <source>Find a catalogue item: type a code or words (e.g. eps 8), Enter adds it</source>
        <translation>ابحث عن بند في القائمة: اكتب رمزًا أو كلمات (مثل eps 8)، وEnter يضيفه</translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>المجاميع</translation>
    </message>
    <message>
        <source>Contingency %</source>
        <translation>احتياطي الطوارئ %</translation>
    </message>
    <message>
        <source>Take-off from the assessment</source>
        <translation>حساب الكميات من التقييم</translation>
    </message>
    <message>
        <source>Enter or double-click: use as the quantity of the selected line</source>
        <translation>Enter أو النقر المزدوج: استخدامه كمية للسطر المحدد</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>تراجع</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>إعادة</translation>
    </message>
    <message>
        <source>{what} ({key})</source>
        <translation>{what} ({key})</translation>
    </message>
    <message>
        <source>English column</source>
        <translation>عمود بالإنجليزية</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>الصور</translation>
    </message>
    <message>
        <source>Submit for approval</source>
        <translation>إرسال للموافقة</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>موافقة</translation>
    </message>
    <message>
        <source>Return…</source>
        <translation>إعادة…</translation>
    </message>
    <message>
        <source>Open a revision…</source>
        <translation>فتح مراجعة…</translation>
    </message>
    <message>
        <source>Print PDF</source>
        <translation>طباعة PDF</translation>
    </message>
    <message>
        <source>Export XLSX…</source>
        <translation>تصدير XLSX…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>Bill of quantities {ref}</source>
        <translation>جدول الكميات ⁨{ref}⁩</translation>
    </message>
    <message>
        <source>{ref} — {status}</source>
        <translation>⁨{ref}⁩ — ⁨{status}⁩</translation>
    </message>
    <message>
        <source>Dwelling {dwelling}, {address}. Household: {household}. Price list {catalogue}.</source>
        <translation>المسكن ⁨{dwelling}⁩، ⁨{address}⁩. الأسرة: ⁨{household}⁩. قائمة الأسعار ⁨{catalogue}⁩.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>لا يوجد</translation>
    </message>
    <message>
        <source>Returned by {name}: {reason}</source>
        <translation>أعاده ⁨{name}⁩: ⁨{reason}⁩</translation>
    </message>
    <message>
        <source>Changes since {ref}: {changes}</source>
        <translation>التغييرات منذ ⁨{ref}⁩: ⁨{changes}⁩</translation>
    </message>
    <message>
        <source>{code} {old} → {new} {unit}</source>
        <translation>⁨{code}⁩ ⁨{old}⁩ ← ⁨{new}⁩ ⁨{unit}⁩</translation>
    </message>
    <message>
        <source>+ {code}</source>
        <translation>+ ⁨{code}⁩</translation>
    </message>
    <message>
        <source>− {code}</source>
        <translation>− ⁨{code}⁩</translation>
    </message>
    <message>
        <source>No catalogue item matches &apos;{text}&apos;.</source>
        <translation>لا يوجد بند في القائمة يطابق &apos;⁨{text}⁩&apos;.</translation>
    </message>
    <message numerus="yes">
        <source>%n items match &apos;{text}&apos; equally well: type more, or pick one with ↓ and press Enter.</source>
        <translation>
            <numerusform>لا بنود تطابق &apos;{text}&apos;.</numerusform>
            <numerusform>بند واحد يطابق &apos;{text}&apos;: اختره بـ ↓ ثم اضغط Enter.</numerusform>
            <numerusform>بندان يطابقان &apos;{text}&apos; بالقدر نفسه: اكتب المزيد، أو اختر أحدهما بـ ↓ ثم اضغط Enter.</numerusform>
            <numerusform>⁨%n⁩ بنود تطابق &apos;{text}&apos; بالقدر نفسه: اكتب المزيد، أو اختر أحدها بـ ↓ ثم اضغط Enter.</numerusform>
            <numerusform>⁨%n⁩ بندًا تطابق &apos;{text}&apos; بالقدر نفسه: اكتب المزيد، أو اختر أحدها بـ ↓ ثم اضغط Enter.</numerusform>
            <numerusform>⁨%n⁩ بند تطابق &apos;{text}&apos; بالقدر نفسه: اكتب المزيد، أو اختر أحدها بـ ↓ ثم اضغط Enter.</numerusform>
        </translation>
    </message>
    <message>
        <source>add {code}</source>
        <translation>إضافة {code}</translation>
    </message>
    <message>
        <source>quantity of {code}</source>
        <translation>كمية {code}</translation>
    </message>
    <message>
        <source>remove {code}</source>
        <translation>إزالة {code}</translation>
    </message>
    <message>
        <source>{code} removed; Ctrl+Z brings it back.</source>
        <translation>أُزيل {code}؛ يعيده Ctrl+Z.</translation>
    </message>
    <message>
        <source>Select the line that takes this quantity first.</source>
        <translation>حدّد أولًا السطر الذي يأخذ هذه الكمية.</translation>
    </message>
    <message>
        <source>contingency</source>
        <translation>احتياطي الطوارئ</translation>
    </message>
    <message>
        <source>Works</source>
        <translation>الأعمال</translation>
    </message>
    <message>
        <source>Contingency</source>
        <translation>احتياطي الطوارئ</translation>
    </message>
    <message>
        <source>Total excl. VAT</source>
        <translation>المجموع دون ضريبة القيمة المضافة</translation>
    </message>
    <message>
        <source>VAT {rate}%</source>
        <translation>ضريبة القيمة المضافة ⁨{rate}⁩%</translation>
    </message>
    <message>
        <source>Total incl. VAT</source>
        <translation>المجموع شاملًا ضريبة القيمة المضافة</translation>
    </message>
    <message>
        <source>Approve over the budget ceiling</source>
        <translation>اعتماد فوق سقف الميزانية</translation>
    </message>
    <message>
        <source>Why is this BoQ approved over the budget ceiling? The reason is kept in the audit trail.</source>
        <translation>لماذا يُعتمد جدول الكميات هذا فوق سقف الميزانية؟ يُحفظ السبب في سجل التدقيق.</translation>
    </message>
    <message>
        <source>Return to the engineer</source>
        <translation>إعادة إلى المهندس</translation>
    </message>
    <message>
        <source>What should the engineer change?</source>
        <translation>ما الذي يجب أن يغيّره المهندس؟</translation>
    </message>
    <message>
        <source>Open a revision</source>
        <translation>فتح مراجعة</translation>
    </message>
    <message>
        <source>Why must the approved BoQ change? The reason goes into the audit trail.</source>
        <translation>لماذا يجب تغيير جدول الكميات المعتمد؟ يُسجَّل السبب في سجل التدقيق.</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>تم حفظ ⁦{path}⁩.</translation>
    </message>
    <message>
        <source>Please check</source>
        <translation>يرجى التحقق</translation>
    </message>
    <message>
        <source>Continue anyway?</source>
        <translation>هل تريد المتابعة على أي حال؟</translation>
    </message>
    <message>
        <source>Export the BoQ</source>
        <translation>تصدير جدول الكميات</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx)</source>
        <translation>جداول البيانات (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>BoQInbox</name>
    <message>
        <source>Open…</source>
        <translation>فتح…</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>موافقة</translation>
    </message>
    <message>
        <source>Return…</source>
        <translation>إعادة…</translation>
    </message>
    <message>
        <source>Take-off from the assessment</source>
        <translation>حصر الكميات من التقييم</translation>
    </message>
    <message>
        <source>The assessment recorded no rooms.</source>
        <translation>لم يسجّل التقييم أي غرف.</translation>
    </message>
    <message>
        <source>Approve over the budget ceiling</source>
        <translation>اعتماد فوق سقف الميزانية</translation>
    </message>
    <message>
        <source>Why is this BoQ approved over the budget ceiling? The reason is kept in the audit trail.</source>
        <translation>لماذا يُعتمد جدول الكميات هذا فوق سقف الميزانية؟ يُحفظ السبب في سجل التدقيق.</translation>
    </message>
    <message>
        <source>{ref} is approved and locked.</source>
        <translation>اعتُمد ⁨{ref}⁩ وقُفل.</translation>
    </message>
    <message>
        <source>Return to the engineer</source>
        <translation>إعادة إلى المهندس</translation>
    </message>
    <message>
        <source>What should the engineer change?</source>
        <translation>ما الذي يجب أن يغيّره المهندس؟</translation>
    </message>
    <message>
        <source>{ref} is returned to the engineer.</source>
        <translation>أُعيد ⁨{ref}⁩ إلى المهندس.</translation>
    </message>
</context>
<context>
    <name>BoQPage</name>
    <message>
        <source>Bills of quantity</source>
        <translation>جداول الكميات</translation>
    </message>
    <message>
        <source>Search by BoQ or dwelling reference, or household name</source>
        <translation>ابحث برقم جدول الكميات أو المسكن، أو باسم الأسرة</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>جميع الحالات</translation>
    </message>
    <message>
        <source>New BoQ…</source>
        <translation>جدول كميات جديد…</translation>
    </message>
    <message>
        <source>New bill of quantities</source>
        <translation>جدول كميات جديد</translation>
    </message>
    <message>
        <source>Reference of the assessed dwelling (e.g. GAZ-D-000123):</source>
        <translation>الرقم المرجعي للمسكن الذي تم تقييمه (مثل GAZ-D-000123):</translation>
    </message>
    <message>
        <source>No new BoQ</source>
        <translation>لم يُنشأ جدول كميات جديد</translation>
    </message>
</context>
<context>
    <name>BoQTab</name>
    <message>
        <source>New BoQ</source>
        <translation>جدول كميات جديد</translation>
    </message>
    <message numerus="yes">
        <source>%n revisions. Approved: {approved}.</source>
        <translation>
            <numerusform>لا مراجعات. المعتمد: {approved}.</numerusform>
            <numerusform>مراجعة واحدة. المعتمد: {approved}.</numerusform>
            <numerusform>مراجعتان. المعتمد: {approved}.</numerusform>
            <numerusform>⁨%n⁩ مراجعات. المعتمد: {approved}.</numerusform>
            <numerusform>⁨%n⁩ مراجعة. المعتمد: {approved}.</numerusform>
            <numerusform>⁨%n⁩ مراجعة. المعتمد: {approved}.</numerusform>
        </translation>
    </message>
    <message>
        <source>{ref}, {total}</source>
        <translation>{ref}، {total}</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>لا يوجد بعد</translation>
    </message>
    <message>
        <source>Ask to reopen…</source>
        <translation>طلب إعادة الفتح…</translation>
    </message>
    <message>
        <source>{ref} is drafted; open it to add the lines.</source>
        <translation>تم إنشاء مسودة {ref}؛ افتحها لإضافة البنود.</translation>
    </message>
</context>
<context>
    <name>BoQTableModel</name>
    <message>
        <source>BoQ</source>
        <translation>جدول الكميات</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>الأسرة</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>الولاية</translation>
    </message>
    <message>
        <source>Total incl. VAT</source>
        <translation>المجموع شاملًا ضريبة القيمة المضافة</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>آخر تغيير</translation>
    </message>
</context>
<context>
    <name>BudgetDialog</name>
    <message>
        <source>Budget of office {code}</source>
        <translation>ميزانية المكتب {code}</translation>
    </message>
    <message>
        <source>The money this office may spend, in TL. The Reports page sets approved BoQs and cash-for-work payments against it. Leave it empty when the office has no budget.</source>
        <translation>المال الذي يجوز لهذا المكتب إنفاقه، بالليرة التركية. تقارن صفحة التقارير جداول الكميات المعتمدة ومدفوعات النقد مقابل العمل به. اتركه فارغاً إن لم تكن للمكتب ميزانية.</translation>
    </message>
    <message>
        <source>Budget (TL)</source>
        <translation>الميزانية (ليرة تركية)</translation>
    </message>
</context>
<context>
    <name>CaseForm</name>
    <message>
        <source>Save</source>
        <translation>حفظ</translation>
    </message>
    <message>
        <source>Supervisor&apos;s &amp;confirmation…</source>
        <translation>&amp;موافقة المشرف…</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>حفظ (Ctrl+S)</translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>حفظ على أي حال</translation>
    </message>
</context>
<context>
    <name>CaseListTab</name>
    <message>
        <source>Open…</source>
        <translation>فتح…</translation>
    </message>
</context>
<context>
    <name>CashForWorkPage</name>
    <message>
        <source>Cash-for-work</source>
        <translation>النقد مقابل العمل</translation>
    </message>
    <message>
        <source>Daily log</source>
        <translation>السجل اليومي</translation>
    </message>
    <message>
        <source>Timesheets</source>
        <translation>كشوف الدوام</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>المدفوعات</translation>
    </message>
</context>
<context>
    <name>CataloguePage</name>
    <message>
        <source>Price catalogue</source>
        <translation>قائمة الأسعار</translation>
    </message>
    <message>
        <source>New version…</source>
        <translation>إصدار جديد…</translation>
    </message>
    <message>
        <source>Import XLSX…</source>
        <translation>استيراد XLSX…</translation>
    </message>
    <message>
        <source>Export XLSX…</source>
        <translation>تصدير XLSX…</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>نشر</translation>
    </message>
    <message>
        <source>Withdraw / restore item</source>
        <translation>سحب البند / إعادته</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>الإصدار</translation>
    </message>
    <message>
        <source>published</source>
        <translation>منشور</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>مسودة</translation>
    </message>
    <message numerus="yes">
        <source>{label} from {date} ({state}, %n items)</source>
        <translation>
            <numerusform>⁨{label}⁩ اعتبارًا من ⁨{date}⁩ (⁨{state}⁩، لا بنود)</numerusform>
            <numerusform>⁨{label}⁩ اعتبارًا من ⁨{date}⁩ (⁨{state}⁩، بند واحد)</numerusform>
            <numerusform>⁨{label}⁩ اعتبارًا من ⁨{date}⁩ (⁨{state}⁩، بندان)</numerusform>
            <numerusform>⁨{label}⁩ اعتبارًا من ⁨{date}⁩ (⁨{state}⁩، ⁨%n⁩ بنود)</numerusform>
            <numerusform>⁨{label}⁩ اعتبارًا من ⁨{date}⁩ (⁨{state}⁩، ⁨%n⁩ بندًا)</numerusform>
            <numerusform>⁨{label}⁩ اعتبارًا من ⁨{date}⁩ (⁨{state}⁩، ⁨%n⁩ بند)</numerusform>
        </translation>
    </message>
    <message>
        <source>New version</source>
        <translation>إصدار جديد</translation>
    </message>
    <message>
        <source>Name of the version (e.g. 2026-07):</source>
        <translation>اسم الإصدار (مثل 2026-07):</translation>
    </message>
    <message>
        <source>Prices apply from (e.g. {example}):</source>
        <translation>تسري الأسعار اعتبارًا من (مثلًا ⁨{example}⁩):</translation>
    </message>
    <message>
        <source>&apos;{day}&apos; is not a date; write it as {example}.</source>
        <translation>&apos;⁨{day}⁩&apos; ليس تاريخًا؛ اكتبه بالشكل ⁨{example}⁩.</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx)</source>
        <translation>جداول البيانات (*.xlsx)</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n items to {path}.</source>
        <translation>
            <numerusform>لم يُكتب أي بند في ⁦{path}⁩.</numerusform>
            <numerusform>تمت كتابة بند واحد في ⁦{path}⁩.</numerusform>
            <numerusform>تمت كتابة بندين في ⁦{path}⁩.</numerusform>
            <numerusform>تمت كتابة ⁨%n⁩ بنود في ⁦{path}⁩.</numerusform>
            <numerusform>تمت كتابة ⁨%n⁩ بندًا في ⁦{path}⁩.</numerusform>
            <numerusform>تمت كتابة ⁨%n⁩ بند في ⁦{path}⁩.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select an item first.</source>
        <translation>حدّد بندًا أولًا.</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change your password</source>
        <translation>غيّر كلمة المرور</translation>
    </message>
    <message>
        <source>Choose a new password before you continue.</source>
        <translation>اختر كلمة مرور جديدة قبل المتابعة.</translation>
    </message>
    <message>
        <source>Type your current password, then the new one twice.</source>
        <translation>اكتب كلمة المرور الحالية، ثم الجديدة مرتين.</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>كلمة المرور الحالية</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>كلمة المرور الجديدة</translation>
    </message>
    <message>
        <source>Repeat new password</source>
        <translation>أعد كتابة كلمة المرور الجديدة</translation>
    </message>
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <source>unknown</source>
        <translation>غير معروف</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>السجل</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>الحقل</translation>
    </message>
    <message>
        <source>Ours by</source>
        <translation>تعديلنا بواسطة</translation>
    </message>
    <message>
        <source>Theirs by</source>
        <translation>تعديلهم بواسطة</translation>
    </message>
    <message>
        <source>Ours changed</source>
        <translation>وقت تعديلنا</translation>
    </message>
</context>
<context>
    <name>ConflictsPage</name>
    <message>
        <source>(empty)</source>
        <translation>(فارغ)</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <source>No</source>
        <translation>لا</translation>
    </message>
    <message>
        <source>Sync conflicts</source>
        <translation>تعارضات المزامنة</translation>
    </message>
    <message>
        <source>Two machines changed the same field of a record. The server kept the value that reached it first (theirs); choose the value to keep. Your decision is sent at the next sync and becomes the value on every laptop.</source>
        <translation>غيّر جهازان الحقل نفسه في سجل واحد. احتفظ الخادم بالقيمة التي وصلته أولاً (قيمتهم)؛ اختر القيمة التي تُحفظ. يُرسَل قرارك في المزامنة التالية ويصبح القيمة على كل الحواسيب.</translation>
    </message>
    <message>
        <source>No conflict waits for a decision.</source>
        <translation>لا يوجد تعارض ينتظر قرارًا.</translation>
    </message>
    <message>
        <source>Before both changes</source>
        <translation>قبل التعديلين</translation>
    </message>
    <message>
        <source>Ours (not applied)</source>
        <translation>قيمتنا (لم تُطبَّق)</translation>
    </message>
    <message>
        <source>Theirs (kept by the server)</source>
        <translation>قيمتهم (احتفظ بها الخادم)</translation>
    </message>
    <message>
        <source>Keep theirs</source>
        <translation>أبقِ قيمتهم</translation>
    </message>
    <message>
        <source>Take ours</source>
        <translation>خذ قيمتنا</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>تعديل…</translation>
    </message>
    <message>
        <source>{field} of {record}</source>
        <translation>⁨{field}⁩ في ⁨{record}⁩</translation>
    </message>
    <message>
        <source>by {name} on {device}, {when}</source>
        <translation>بواسطة ⁨{name}⁩ على ⁨{device}⁩، ⁨{when}⁩</translation>
    </message>
    <message>
        <source>by {name}, {when}</source>
        <translation>بواسطة ⁨{name}⁩، ⁨{when}⁩</translation>
    </message>
    <message>
        <source>Edit the value</source>
        <translation>تعديل القيمة</translation>
    </message>
    <message>
        <source>{field} of {record}:</source>
        <translation>⁨{field}⁩ في ⁨{record}⁩:</translation>
    </message>
    <message>
        <source>Saving the decision…</source>
        <translation>جارٍ حفظ القرار…</translation>
    </message>
    <message>
        <source>{field} of {record} is now {value}. The decision goes to the server at the next sync.</source>
        <translation>أصبحت قيمة ⁨{field}⁩ في ⁨{record}⁩: ⁨{value}⁩. يُرسَل القرار إلى الخادم في المزامنة التالية.</translation>
    </message>
</context>
<context>
    <name>ContractPreview</name>
    <message>
        <source>Print…</source>
        <translation>طباعة…</translation>
    </message>
    <message>
        <source>Print the agreement</source>
        <translation>طباعة الاتفاقية</translation>
    </message>
    <message>
        <source>Not printed</source>
        <translation>لم تتم الطباعة</translation>
    </message>
    <message>
        <source>The printer {printer} could not start printing; nothing was printed. Check that it is on and connected, or choose another printer.</source>
        <translation>تعذّر على الطابعة {printer} بدء الطباعة؛ لم يُطبع شيء. تأكد من أنها مشغّلة ومتصلة، أو اختر طابعة أخرى.</translation>
    </message>
</context>
<context>
    <name>ConversionDialog</name>
    <message>
        <source>Encrypting this computer&apos;s data: a backup first, then an encrypted copy that replaces the file once checked. Do not turn the computer off.</source>
        <translation>جارٍ تشفير بيانات هذا الحاسوب: تُؤخذ نسخة احتياطية أولًا، ثم تُعدّ نسخة مشفّرة تحلّ محلّ الملف بعد التحقق منها. لا تُطفئ الحاسوب.</translation>
    </message>
    <message>
        <source>Encrypting the data</source>
        <translation>تشفير البيانات</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation>حدث خطأ ما</translation>
    </message>
    <message>
        <source>An unexpected error happened. Your saved work is safe. Please copy the details below and send them to support. The log file is {path}.</source>
        <translation>حدث خطأ غير متوقع. عملك المحفوظ في أمان. يرجى نسخ التفاصيل أدناه وإرسالها إلى فريق الدعم. ملف السجل هو ⁦{path}⁩.</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>نسخ التفاصيل</translation>
    </message>
</context>
<context>
    <name>DailyLogTab</name>
    <message>
        <source>Site reference, e.g. GAZ-D-000123</source>
        <translation>رقم الموقع (المسكن)، مثل GAZ-D-000123</translation>
    </message>
    <message>
        <source>◀ Previous week</source>
        <translation>◀ الأسبوع السابق</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>هذا الأسبوع</translation>
    </message>
    <message>
        <source>Next week ▶</source>
        <translation>الأسبوع التالي ▶</translation>
    </message>
    <message>
        <source>What the worker does, e.g. plaster repair</source>
        <translation>ما يقوم به العامل، مثل إصلاح اللياسة</translation>
    </message>
    <message>
        <source>Selected day</source>
        <translation>اليوم المحدد</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>المهمة</translation>
    </message>
    <message>
        <source>Logged</source>
        <translation>المسجَّل</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>Register worker…</source>
        <translation>تسجيل عامل…</translation>
    </message>
    <message>
        <source>Submit week for approval</source>
        <translation>إرسال الأسبوع للموافقة</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>الموقع</translation>
    </message>
    <message>
        <source>Keys: F full day, H half day, A absent, Space cycles; arrows move. * marks a worker of another household.</source>
        <translation>المفاتيح: F يوم كامل، H نصف يوم، A غياب، المسافة للتبديل بالتناوب؛ والأسهم للتنقل. * تدل على عامل من أسرة أخرى.</translation>
    </message>
    <message>
        <source>{site} — {address} — week of {first} to {last}</source>
        <translation>⁨{site}⁩ — ⁨{address}⁩ — أسبوع ⁨{first}⁩ إلى ⁨{last}⁩</translation>
    </message>
    <message>
        <source>No worker is registered for this household yet; register one first.</source>
        <translation>لا يوجد عامل مسجَّل لهذه الأسرة بعد؛ سجّل عاملًا أولًا.</translation>
    </message>
    <message>
        <source>No timesheet for this week yet.</source>
        <translation>لا يوجد كشف دوام لهذا الأسبوع بعد.</translation>
    </message>
    <message>
        <source>Timesheet {ref}: {status}</source>
        <translation>كشف الدوام ⁨{ref}⁩: ⁨{status}⁩</translation>
    </message>
    <message>
        <source>by {name}, {when}</source>
        <translation>⁨{name}⁩،
⁨{when}⁩</translation>
    </message>
    <message>
        <source>Not saved: a reason is needed.</source>
        <translation>لم يُحفظ: يلزم ذكر سبب.</translation>
    </message>
    <message>
        <source>Submitted for approval: {refs}.</source>
        <translation>أُرسل للموافقة: ⁨{refs}⁩.</translation>
    </message>
    <message>
        <source>A reason is needed</source>
        <translation>يلزم ذكر سبب</translation>
    </message>
    <message>
        <source>Why should this day be logged anyway?</source>
        <translation>لماذا يجب تسجيل هذا اليوم على أي حال؟</translation>
    </message>
</context>
<context>
    <name>DwellingBox</name>
    <message>
        <source>Dwelling</source>
        <translation>المسكن</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>الولاية</translation>
    </message>
    <message>
        <source>District</source>
        <translation>المنطقة</translation>
    </message>
    <message>
        <source>Neighbourhood (mahalle)</source>
        <translation>الحي (mahalle)</translation>
    </message>
    <message>
        <source>e.g. Gül Sokak</source>
        <translation>مثل Gül Sokak</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>الشارع</translation>
    </message>
    <message>
        <source>Building no.</source>
        <translation>رقم البناء</translation>
    </message>
    <message>
        <source>Flat no.</source>
        <translation>رقم الشقة</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>m², e.g. {example}</source>
        <translation>m²، مثل {example}</translation>
    </message>
    <message>
        <source>e.g. {example}</source>
        <translation>مثل {example}</translation>
    </message>
    <message>
        <source>Floor area (m²)</source>
        <translation>مساحة الأرضية (m²)</translation>
    </message>
    <message>
        <source>1–20</source>
        <translation>1–20</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>الغرف</translation>
    </message>
    <message>
        <source>GPS latitude</source>
        <translation>خط العرض GPS</translation>
    </message>
    <message>
        <source>GPS longitude</source>
        <translation>خط الطول GPS</translation>
    </message>
</context>
<context>
    <name>DwellingFileDialog</name>
    <message>
        <source>Dwelling {ref}</source>
        <translation>المسكن ⁨{ref}⁩</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>الملخص</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>الأسرة</translation>
    </message>
    <message>
        <source>Assessments</source>
        <translation>التقييمات</translation>
    </message>
    <message>
        <source>BoQ</source>
        <translation>جدول الكميات</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>الاتفاقية</translation>
    </message>
    <message>
        <source>Labour</source>
        <translation>العمل</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>المتابعة</translation>
    </message>
    <message>
        <source>Edit dwelling…</source>
        <translation>تعديل المسكن…</translation>
    </message>
    <message>
        <source>none</source>
        <translation>لا يوجد</translation>
    </message>
    <message>
        <source>{name} ({ref}), {detail}</source>
        <translation>{name} ({ref})، {detail}</translation>
    </message>
    <message>
        <source>{name} ({ref})</source>
        <translation>{name} ({ref})</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>غير معروف</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>الرقم المرجعي</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>المرحلة</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>GPS</source>
        <translation>GPS</translation>
    </message>
    <message>
        <source>Dwelling</source>
        <translation>المسكن</translation>
    </message>
    <message>
        <source>Landlord</source>
        <translation>المؤجر</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>الصور</translation>
    </message>
    <message>
        <source>History</source>
        <translation>السجل</translation>
    </message>
    <message numerus="yes">
        <source>%n rooms</source>
        <translation>
            <numerusform>لا غرف</numerusform>
            <numerusform>غرفة واحدة</numerusform>
            <numerusform>غرفتان</numerusform>
            <numerusform>⁨%n⁩ غرف</numerusform>
            <numerusform>⁨%n⁩ غرفةً</numerusform>
            <numerusform>⁨%n⁩ غرفة</numerusform>
        </translation>
    </message>
    <message>
        <source>rooms unknown</source>
        <translation>عدد الغرف غير معروف</translation>
    </message>
    <message>
        <source>{area} m², {rooms}</source>
        <translation>⁨{area}⁩ m²، {rooms}</translation>
    </message>
    <message>
        <source>{days}; paid: {paid}</source>
        <translation>⁨{days}⁩؛ المدفوع: ⁨{paid}⁩</translation>
    </message>
    <message>
        <source>Bills of quantity</source>
        <translation>جداول الكميات</translation>
    </message>
    <message>
        <source>Agreements</source>
        <translation>الاتفاقيات</translation>
    </message>
    <message>
        <source>Cash-for-work days</source>
        <translation>أيام النقد مقابل العمل</translation>
    </message>
</context>
<context>
    <name>DwellingTableModel</name>
    <message>
        <source>Reference</source>
        <translation>الرقم المرجعي</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>المرحلة</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>الولاية</translation>
    </message>
    <message>
        <source>District</source>
        <translation>المنطقة</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>الأسرة</translation>
    </message>
    <message>
        <source>Landlord</source>
        <translation>المؤجر</translation>
    </message>
</context>
<context>
    <name>DwellingsPage</name>
    <message>
        <source>Dwellings</source>
        <translation>المساكن</translation>
    </message>
    <message>
        <source>Search by reference, name, province, district or street</source>
        <translation>ابحث بالرقم المرجعي أو الاسم أو الولاية أو المنطقة أو الشارع</translation>
    </message>
    <message>
        <source>New case…</source>
        <translation>حالة جديدة…</translation>
    </message>
    <message>
        <source>Register a household and the dwelling they rent</source>
        <translation>سجّل أسرة والمسكن الذي تستأجره</translation>
    </message>
    <message>
        <source>No dwelling matches &apos;{text}&apos;.</source>
        <translation>لا يوجد مسكن يطابق «{text}».</translation>
    </message>
    <message numerus="yes">
        <source>%n{more} dwellings shown</source>
        <translation>
            <numerusform>لا مساكن معروضة{more}</numerusform>
            <numerusform>عرض مسكن واحد{more}</numerusform>
            <numerusform>عرض مسكنين{more}</numerusform>
            <numerusform>عرض ⁨%n{more}⁩ مساكن</numerusform>
            <numerusform>عرض ⁨%n{more}⁩ مسكنًا</numerusform>
            <numerusform>عرض ⁨%n{more}⁩ مسكن</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EditDwellingDialog</name>
    <message>
        <source>Dwelling {ref}</source>
        <translation>المسكن ⁨{ref}⁩</translation>
    </message>
    <message>
        <source>(typed above)</source>
        <translation>(مكتوب أعلاه)</translation>
    </message>
    <message>
        <source>Position of a photo</source>
        <translation>موقع إحدى الصور</translation>
    </message>
</context>
<context>
    <name>EditHouseholdDialog</name>
    <message>
        <source>Household {ref}</source>
        <translation>الأسرة ⁨{ref}⁩</translation>
    </message>
</context>
<context>
    <name>EndingModel</name>
    <message>
        <source>Agreement</source>
        <translation>الاتفاقية</translation>
    </message>
    <message>
        <source>Dwelling</source>
        <translation>المسكن</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>المستأجر</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>تنتهي في</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>الأيام المتبقية</translation>
    </message>
    <message>
        <source>Renewal</source>
        <translation>التجديد</translation>
    </message>
</context>
<context>
    <name>EnrolForm</name>
    <message>
        <source>Enrol this laptop with a sync server</source>
        <translation>سجّل هذا الحاسوب لدى خادم مزامنة</translation>
    </message>
    <message>
        <source>This laptop does not sync with a server yet. To enrol it:
1. An administrator runs on the server: {command}
   It prints a one-time code, valid for a week.
2. Type the server&apos;s address and that code below, then press Enrol.
Only a new, empty database can be enrolled; its records then come from the server with the first sync.</source>
        <translation>هذا الحاسوب لا يتزامن مع خادم بعد. لتسجيله:
1. يشغّل مسؤول النظام على الخادم: ⁨{command}⁩
   فيطبع رمزًا يُستخدم مرة واحدة ويبقى صالحًا أسبوعًا.
2. اكتب عنوان الخادم وذلك الرمز أدناه، ثم اضغط «تسجيل».
لا يمكن تسجيل إلا قاعدة بيانات جديدة وفارغة؛ تأتي سجلاتها من الخادم مع المزامنة الأولى.</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>تسجيل</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>عنوان الخادم</translation>
    </message>
    <message>
        <source>Enrolment code</source>
        <translation>رمز التسجيل</translation>
    </message>
    <message>
        <source>Type the server&apos;s address and the enrolment code.</source>
        <translation>اكتب عنوان الخادم ورمز التسجيل.</translation>
    </message>
    <message>
        <source>Enrolling with {url}…</source>
        <translation>جارٍ التسجيل لدى ⁨{url}⁩…</translation>
    </message>
    <message>
        <source>Enrolled as {name}.</source>
        <translation>سُجّل باسم ⁨{name}⁩.</translation>
    </message>
</context>
<context>
    <name>FileOpener</name>
    <message>
        <source>Cannot open {ref}</source>
        <translation>تعذّر فتح ⁨{ref}⁩</translation>
    </message>
</context>
<context>
    <name>FileStep</name>
    <message>
        <source>An .xlsx or .csv file, e.g. a KoboToolbox export</source>
        <translation>ملف ‎.xlsx أو ‎.csv، مثل ملف مُصدَّر من KoboToolbox</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>استعراض…</translation>
    </message>
    <message>
        <source>Detect automatically</source>
        <translation>اكتشاف تلقائي</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>الملف:</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>الورقة:</translation>
    </message>
    <message>
        <source>The rows are:</source>
        <translation>نوع السجلات:</translation>
    </message>
    <message>
        <source>Text encoding (CSV):</source>
        <translation>ترميز النص (CSV):</translation>
    </message>
    <message>
        <source>Separator (CSV):</source>
        <translation>الفاصل (CSV):</translation>
    </message>
    <message>
        <source>Choose the file to import</source>
        <translation>اختر الملف المراد استيراده</translation>
    </message>
    <message>
        <source>Excel or CSV files (*.xlsx *.csv);;All files (*)</source>
        <translation>ملفات Excel أو CSV ‏(*.xlsx *.csv);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Choose the file. A CSV from Turkish Excel (“;” between values, Windows Turkish letters) and KoboToolbox or ODK exports are read as they are.</source>
        <translation>اختر الملف. تُقرأ ملفات CSV من Excel التركي (الفاصل «;» بين القيم، وأحرف Windows التركية) وملفات KoboToolbox أو ODK المُصدَّرة كما هي.</translation>
    </message>
    <message>
        <source>Detected: {choice}</source>
        <translation>المُكتشَف: {choice}</translation>
    </message>
    <message>
        <source>{rows} and {columns} on “{sheet}”; the column titles are on row {header}.</source>
        <translation>في «{sheet}» {rows} و{columns}؛ عناوين الأعمدة في الصف {header}.</translation>
    </message>
    <message numerus="yes">
        <source>%n rows</source>
        <translation>
            <numerusform>لا صفوف</numerusform>
            <numerusform>صف واحد</numerusform>
            <numerusform>صفان</numerusform>
            <numerusform>⁨%n⁩ صفوف</numerusform>
            <numerusform>⁨%n⁩ صفًا</numerusform>
            <numerusform>⁨%n⁩ صف</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n columns</source>
        <translation>
            <numerusform>لا أعمدة</numerusform>
            <numerusform>عمود واحد</numerusform>
            <numerusform>عمودان</numerusform>
            <numerusform>⁨%n⁩ أعمدة</numerusform>
            <numerusform>⁨%n⁩ عمودًا</numerusform>
            <numerusform>⁨%n⁩ عمود</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n empty rows are left out.</source>
        <translation>
            <numerusform>لا صفوف فارغة.</numerusform>
            <numerusform>تم تجاهل صف فارغ واحد.</numerusform>
            <numerusform>تم تجاهل صفين فارغين.</numerusform>
            <numerusform>تم تجاهل ⁨%n⁩ صفوف فارغة.</numerusform>
            <numerusform>تم تجاهل ⁨%n⁩ صفًا فارغًا.</numerusform>
            <numerusform>تم تجاهل ⁨%n⁩ صف فارغ.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A KoboToolbox/ODK export with %n repeat-group sheets.</source>
        <translation>
            <numerusform>ملف مُصدَّر من KoboToolbox/ODK بلا أوراق مجموعات متكررة.</numerusform>
            <numerusform>ملف مُصدَّر من KoboToolbox/ODK فيه ورقة مجموعة متكررة واحدة.</numerusform>
            <numerusform>ملف مُصدَّر من KoboToolbox/ODK فيه ورقتا مجموعات متكررة.</numerusform>
            <numerusform>ملف مُصدَّر من KoboToolbox/ODK فيه ⁨%n⁩ أوراق مجموعات متكررة.</numerusform>
            <numerusform>ملف مُصدَّر من KoboToolbox/ODK فيه ⁨%n⁩ ورقةً للمجموعات المتكررة.</numerusform>
            <numerusform>ملف مُصدَّر من KoboToolbox/ODK فيه ⁨%n⁩ ورقة مجموعات متكررة.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Set up the programme</source>
        <translation>إعداد البرنامج</translation>
    </message>
</context>
<context>
    <name>HeldOpsModel</name>
    <message>
        <source>In conflict</source>
        <translation>في تعارض</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>مرفوض</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>وقت التعديل</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>السجل</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>الحقول</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>النتيجة</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <source>When</source>
        <translation>متى</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>من</translation>
    </message>
    <message>
        <source>What</source>
        <translation>ماذا</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>التغييرات</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>{record} {ref} {action}</source>
        <translation>{record} {ref}: {action}</translation>
    </message>
</context>
<context>
    <name>HouseholdBox</name>
    <message>
        <source>Household</source>
        <translation>الأسرة</translation>
    </message>
    <message>
        <source>Full name as on the ID card</source>
        <translation>الاسم الكامل كما في بطاقة الهوية</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>رب الأسرة</translation>
    </message>
    <message>
        <source>TCKN or YKN, 11 digits</source>
        <translation>TCKN أو YKN، من 11 رقمًا</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>رقم الهوية</translation>
    </message>
    <message>
        <source>Nationality</source>
        <translation>الجنسية</translation>
    </message>
    <message>
        <source>Protection status</source>
        <translation>وضع الحماية</translation>
    </message>
    <message>
        <source>0532 123 45 67</source>
        <translation>0532 123 45 67</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>الهاتف المحمول</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>الأفراد</translation>
    </message>
    <message>
        <source>Vulnerabilities</source>
        <translation>أوجه الضعف</translation>
    </message>
    <message>
        <source>Consent to data processing given on</source>
        <translation>تاريخ الموافقة على معالجة البيانات</translation>
    </message>
    <message>
        <source>KVKK</source>
        <translation>KVKK</translation>
    </message>
</context>
<context>
    <name>HouseholdTab</name>
    <message>
        <source>Edit household…</source>
        <translation>تعديل الأسرة…</translation>
    </message>
    <message>
        <source>No household is linked to this dwelling.</source>
        <translation>لا توجد أسرة مرتبطة بهذا المسكن.</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>الرقم المرجعي</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>رب الأسرة</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>رقم الهوية</translation>
    </message>
    <message>
        <source>Nationality</source>
        <translation>الجنسية</translation>
    </message>
    <message>
        <source>Protection status</source>
        <translation>وضع الحماية</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>الهاتف المحمول</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>الأفراد</translation>
    </message>
    <message numerus="yes">
        <source>%n people: {bands}</source>
        <translation>
            <numerusform>لا أفراد: ⁨{bands}⁩</numerusform>
            <numerusform>فرد واحد: ⁨{bands}⁩</numerusform>
            <numerusform>فردان: ⁨{bands}⁩</numerusform>
            <numerusform>⁨%n⁩ أفراد: ⁨{bands}⁩</numerusform>
            <numerusform>⁨%n⁩ فردًا: ⁨{bands}⁩</numerusform>
            <numerusform>⁨%n⁩ فرد: ⁨{bands}⁩</numerusform>
        </translation>
    </message>
    <message>
        <source>Vulnerabilities</source>
        <translation>أوجه الضعف</translation>
    </message>
    <message>
        <source>none recorded</source>
        <translation>لا شيء مسجَّل</translation>
    </message>
    <message>
        <source>Consent (KVKK)</source>
        <translation>الموافقة (KVKK)</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>غير مسجَّل</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import from Excel, CSV or Kobo</source>
        <translation>استيراد من Excel أو CSV أو Kobo</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>السابق</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>التالي</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Step 1 of 5: the file</source>
        <translation>الخطوة 1 من 5: الملف</translation>
    </message>
    <message>
        <source>Step 2 of 5: the columns</source>
        <translation>الخطوة 2 من 5: الأعمدة</translation>
    </message>
    <message>
        <source>Step 3 of 5: the values</source>
        <translation>الخطوة 3 من 5: القيم</translation>
    </message>
    <message>
        <source>Step 4 of 5: options</source>
        <translation>الخطوة 4 من 5: الخيارات</translation>
    </message>
    <message>
        <source>Step 5 of 5: check and import</source>
        <translation>الخطوة 5 من 5: التحقق والاستيراد</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>معاينة</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>جارٍ قراءة {file}…</translation>
    </message>
    <message>
        <source>Reading the file was cancelled.</source>
        <translation>تم إلغاء قراءة الملف.</translation>
    </message>
    <message>
        <source>Checking the rows…</source>
        <translation>جارٍ التحقق من الصفوف…</translation>
    </message>
    <message>
        <source>Importing the rows…</source>
        <translation>جارٍ استيراد الصفوف…</translation>
    </message>
    <message numerus="yes">
        <source>All or nothing: nothing will be imported while %n rows are rejected. Correct them (save the report) or choose to import the valid rows.</source>
        <translation>
            <numerusform>الكل أو لا شيء: لا صفوف مرفوضة.</numerusform>
            <numerusform>الكل أو لا شيء: لن يُستورد أي شيء ما دام صف واحد مرفوضًا. صحّحه (احفظ التقرير) أو اختر استيراد الصفوف الصالحة.</numerusform>
            <numerusform>الكل أو لا شيء: لن يُستورد أي شيء ما دام صفّان مرفوضَين. صحّحهما (احفظ التقرير) أو اختر استيراد الصفوف الصالحة.</numerusform>
            <numerusform>الكل أو لا شيء: لن يُستورد أي شيء ما دامت ⁨%n⁩ صفوف مرفوضة. صحّحها (احفظ التقرير) أو اختر استيراد الصفوف الصالحة.</numerusform>
            <numerusform>الكل أو لا شيء: لن يُستورد أي شيء ما دام ⁨%n⁩ صفًا مرفوضًا. صحّحها (احفظ التقرير) أو اختر استيراد الصفوف الصالحة.</numerusform>
            <numerusform>الكل أو لا شيء: لن يُستورد أي شيء ما دام ⁨%n⁩ صف مرفوضًا. صحّحها (احفظ التقرير) أو اختر استيراد الصفوف الصالحة.</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved. The rows marked below were not imported or have a remark: save the report, correct them and import the report again.</source>
        <translation>تم الحفظ. الصفوف المعلَّمة أدناه لم تُستورد أو عليها ملاحظة: احفظ التقرير، وصحّحها، ثم استورد التقرير من جديد.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>اكتمل الاستيراد</translation>
    </message>
    <message>
        <source>The import of {file} is finished.</source>
        <translation>اكتمل استيراد {file}.</translation>
    </message>
    <message>
        <source>Cancelled; nothing was saved.</source>
        <translation>تم الإلغاء؛ لم يُحفظ أي شيء.</translation>
    </message>
</context>
<context>
    <name>ImportPreviewModel</name>
    <message>
        <source>Row</source>
        <translation>الصف</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>السجل</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>الرسالة</translation>
    </message>
</context>
<context>
    <name>ImportSummaryDialog</name>
    <message>
        <source>Photo import</source>
        <translation>استيراد الصور</translation>
    </message>
    <message>
        <source>imported, with a warning</source>
        <translation>تم الاستيراد مع تحذير</translation>
    </message>
    <message>
        <source>File</source>
        <translation>الملف</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>النتيجة</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>السبب</translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <source>Inbox</source>
        <translation>صندوق الوارد</translation>
    </message>
    <message>
        <source>BoQs to approve ({count})</source>
        <translation>جداول كميات بانتظار الاعتماد ({count})</translation>
    </message>
    <message>
        <source>Timesheets to approve ({count})</source>
        <translation>جداول دوام بانتظار الاعتماد ({count})</translation>
    </message>
    <message>
        <source>Reopen requests ({count})</source>
        <translation>طلبات إعادة الفتح ({count})</translation>
    </message>
    <message>
        <source>Sync conflicts ({count})</source>
        <translation>تعارضات المزامنة ({count})</translation>
    </message>
</context>
<context>
    <name>ItemsModel</name>
    <message>
        <source>found in the Turkish text</source>
        <translation>وُجد في النص التركي</translation>
    </message>
    <message>
        <source>found in the English text</source>
        <translation>وُجد في النص الإنجليزي</translation>
    </message>
    <message>
        <source>found in the Arabic text</source>
        <translation>وُجد في النص العربي</translation>
    </message>
</context>
<context>
    <name>ItemsTableModel</name>
    <message>
        <source>Code</source>
        <translation>الرمز</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>الفئة</translation>
    </message>
    <message>
        <source>Description (Turkish)</source>
        <translation>الوصف (بالتركية)</translation>
    </message>
    <message>
        <source>Description (English)</source>
        <translation>الوصف (بالإنجليزية)</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>الوحدة</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>سعر الوحدة</translation>
    </message>
    <message>
        <source>VAT %</source>
        <translation>ضريبة القيمة المضافة %</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>مسحوب</translation>
    </message>
    <message>
        <source>Description (Arabic)</source>
        <translation>الوصف (بالعربية)</translation>
    </message>
</context>
<context>
    <name>LabourTab</name>
    <message>
        <source>Timesheets</source>
        <translation>كشوف الدوام</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>المدفوعات</translation>
    </message>
</context>
<context>
    <name>LandlordBox</name>
    <message>
        <source>Landlord</source>
        <translation>المؤجر</translation>
    </message>
    <message>
        <source>e.g. GAZ-L-000012, or leave empty</source>
        <translation>مثل GAZ-L-000012، أو اتركه فارغًا</translation>
    </message>
    <message>
        <source>Registered landlord</source>
        <translation>مؤجر مسجَّل</translation>
    </message>
    <message>
        <source>New landlord is a</source>
        <translation>المؤجر الجديد هو</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>TCKN, or tax number of a company</source>
        <translation>TCKN، أو الرقم الضريبي للشركة</translation>
    </message>
    <message>
        <source>ID or tax number</source>
        <translation>رقم الهوية أو الرقم الضريبي</translation>
    </message>
    <message>
        <source>0532 123 45 67</source>
        <translation>0532 123 45 67</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>الهاتف المحمول</translation>
    </message>
    <message>
        <source>Needed for the agreement; may be added later</source>
        <translation>مطلوب للاتفاقية؛ يمكن إضافته لاحقًا</translation>
    </message>
    <message>
        <source>IBAN (for the rent)</source>
        <translation>IBAN (لدفع الإيجار)</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>العنوان</translation>
    </message>
</context>
<context>
    <name>LandlordDialog</name>
    <message>
        <source>Landlord {ref}</source>
        <translation>المؤجر ⁨{ref}⁩</translation>
    </message>
    <message>
        <source>Register a landlord</source>
        <translation>تسجيل مؤجر</translation>
    </message>
    <message>
        <source>Landlord is a</source>
        <translation>المؤجر هو</translation>
    </message>
    <message>
        <source>Name or company title</source>
        <translation>الاسم أو الاسم التجاري للشركة</translation>
    </message>
    <message>
        <source>TCKN or YKN (11 digits), or a company&apos;s tax number (10)</source>
        <translation>TCKN أو YKN (من 11 رقمًا)، أو الرقم الضريبي للشركة (من 10 أرقام)</translation>
    </message>
    <message>
        <source>ID or tax number</source>
        <translation>رقم الهوية أو الرقم الضريبي</translation>
    </message>
    <message>
        <source>IBAN</source>
        <translation>IBAN</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>الهاتف المحمول</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>العنوان</translation>
    </message>
</context>
<context>
    <name>LandlordTableModel</name>
    <message>
        <source>Landlord</source>
        <translation>المؤجر</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>ID or tax number</source>
        <translation>رقم الهوية أو الرقم الضريبي</translation>
    </message>
    <message>
        <source>IBAN</source>
        <translation>IBAN</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>الهاتف</translation>
    </message>
    <message>
        <source>Dwellings</source>
        <translation>المساكن</translation>
    </message>
</context>
<context>
    <name>LandlordsDialog</name>
    <message>
        <source>Landlords</source>
        <translation>المؤجرون</translation>
    </message>
    <message>
        <source>Search by name or reference</source>
        <translation>ابحث بالاسم أو الرقم المرجعي</translation>
    </message>
    <message>
        <source>Register…</source>
        <translation>تسجيل…</translation>
    </message>
</context>
<context>
    <name>LinesModel</name>
    <message>
        <source>No</source>
        <translation>م</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>الرمز</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>الوصف</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>الوحدة</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>الكمية</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>سعر الوحدة</translation>
    </message>
    <message>
        <source>VAT %</source>
        <translation>ضريبة القيمة المضافة %</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>المبلغ</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Barınak — shelter programme</source>
        <translation>Barınak — برنامج المأوى</translation>
    </message>
    <message>
        <source>Dwellings</source>
        <translation>المساكن</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>جارٍ فتح قاعدة البيانات…</translation>
    </message>
    <message>
        <source>Assessments</source>
        <translation>التقييمات</translation>
    </message>
    <message>
        <source>Bills of quantity</source>
        <translation>جداول الكميات</translation>
    </message>
    <message>
        <source>Agreements</source>
        <translation>الاتفاقيات</translation>
    </message>
    <message>
        <source>Cash-for-work</source>
        <translation>النقد مقابل العمل</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>التقارير</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>صندوق الوارد</translation>
    </message>
    <message>
        <source>Price catalogue</source>
        <translation>قائمة الأسعار</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>سجل التدقيق</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>المستخدمون</translation>
    </message>
    <message>
        <source>Offices</source>
        <translation>المكاتب</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>النسخ الاحتياطية</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <source>Import from Excel, CSV or Kobo…</source>
        <translation>استيراد من Excel أو CSV أو Kobo…</translation>
    </message>
    <message numerus="yes">
        <source>Database: {name} — %n dwellings</source>
        <translation>
            <numerusform>قاعدة البيانات: ⁨{name}⁩ — لا مساكن</numerusform>
            <numerusform>قاعدة البيانات: ⁨{name}⁩ — مسكن واحد</numerusform>
            <numerusform>قاعدة البيانات: ⁨{name}⁩ — مسكنان</numerusform>
            <numerusform>قاعدة البيانات: ⁨{name}⁩ — ⁨%n⁩ مساكن</numerusform>
            <numerusform>قاعدة البيانات: ⁨{name}⁩ — ⁨%n⁩ مسكنًا</numerusform>
            <numerusform>قاعدة البيانات: ⁨{name}⁩ — ⁨%n⁩ مسكن</numerusform>
        </translation>
    </message>
    <message>
        <source>Signed in as {name} ({role})</source>
        <translation>تم تسجيل الدخول باسم ⁨{name}⁩ (⁨{role}⁩)</translation>
    </message>
    <message>
        <source>Change my password…</source>
        <translation>تغيير كلمة المرور…</translation>
    </message>
    <message>
        <source>Sign out / switch user…</source>
        <translation>تسجيل الخروج / تبديل المستخدم…</translation>
    </message>
    <message>
        <source>Signed out.</source>
        <translation>تم تسجيل الخروج.</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>تم تغيير كلمة المرور.</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>المزامنة</translation>
    </message>
    <message>
        <source>Sync conflicts</source>
        <translation>تعارضات المزامنة</translation>
    </message>
    <message>
        <source>This laptop was revoked</source>
        <translation>أُلغي تسجيل هذا الحاسوب المحمول</translation>
    </message>
</context>
<context>
    <name>MappingStep</name>
    <message>
        <source>Choose the column of the file that fills each field. Fields marked * are required; the others may stay empty.</source>
        <translation>اختر عمود الملف الذي يملأ كل حقل. الحقول المعلَّمة بـ * مطلوبة، ويمكن ترك الباقي فارغًا.</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>الحقل</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>العمود في الملف</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>مثال</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>Load mapping…</source>
        <translation>تحميل المطابقة…</translation>
    </message>
    <message>
        <source>Save mapping…</source>
        <translation>حفظ المطابقة…</translation>
    </message>
    <message>
        <source>Use the columns saved for an earlier file</source>
        <translation>استخدم الأعمدة المحفوظة لملف سابق</translation>
    </message>
    <message>
        <source>Keep these choices for the next file of this kind</source>
        <translation>احتفظ بهذه الخيارات للملف التالي من هذا النوع</translation>
    </message>
    <message>
        <source>— not imported —</source>
        <translation>— لا يُستورد —</translation>
    </message>
    <message>
        <source>chosen by you</source>
        <translation>اخترته أنت</translation>
    </message>
    <message>
        <source>Choose a column for: {fields}.</source>
        <translation>اختر عمودًا لـ: {fields}.</translation>
    </message>
    <message>
        <source>Load a mapping</source>
        <translation>تحميل مطابقة</translation>
    </message>
    <message>
        <source>Mapping files (*.json)</source>
        <translation>ملفات المطابقة (*.json)</translation>
    </message>
    <message>
        <source>from the mapping file {name}</source>
        <translation>من ملف المطابقة ⁨{name}⁩</translation>
    </message>
    <message>
        <source>Save the mapping</source>
        <translation>حفظ المطابقة</translation>
    </message>
    <message>
        <source>Cannot save the mapping {path}: {error}. Choose another folder.</source>
        <translation>تعذّر حفظ المطابقة {path}: {error}. اختر مجلدًا آخر.</translation>
    </message>
    <message>
        <source>The mapping was saved as {path}.</source>
        <translation>حُفظت المطابقة باسم {path}.</translation>
    </message>
</context>
<context>
    <name>MeasurementTable</name>
    <message>
        <source>Room</source>
        <translation>الغرفة</translation>
    </message>
    <message>
        <source>Length m</source>
        <translation>الطول m</translation>
    </message>
    <message>
        <source>Width m</source>
        <translation>العرض m</translation>
    </message>
    <message>
        <source>Height m</source>
        <translation>الارتفاع m</translation>
    </message>
    <message>
        <source>Exterior walls m</source>
        <translation>الجدران الخارجية m</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>العدد</translation>
    </message>
    <message>
        <source>Exterior</source>
        <translation>خارجي</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>حذف السطر</translation>
    </message>
    <message numerus="yes">
        <source>%n windows</source>
        <translation>
            <numerusform>لا نوافذ</numerusform>
            <numerusform>نافذة واحدة</numerusform>
            <numerusform>نافذتان</numerusform>
            <numerusform>⁨%n⁩ نوافذ</numerusform>
            <numerusform>⁨%n⁩ نافذةً</numerusform>
            <numerusform>⁨%n⁩ نافذة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n doors</source>
        <translation>
            <numerusform>لا أبواب</numerusform>
            <numerusform>باب واحد</numerusform>
            <numerusform>بابان</numerusform>
            <numerusform>⁨%n⁩ أبواب</numerusform>
            <numerusform>⁨%n⁩ بابًا</numerusform>
            <numerusform>⁨%n⁩ باب</numerusform>
        </translation>
    </message>
    <message>
        <source>Take-off: floor {floor} m², walls {walls} m², exterior walls {exterior} m², {windows} {window_area} m², {doors}</source>
        <translation>حساب الكميات: الأرضية ⁨{floor}⁩ m²، الجدران ⁨{walls}⁩ m²، الجدران الخارجية ⁨{exterior}⁩ m²، {windows} ⁨{window_area}⁩ m²، {doors}</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <source>Household member</source>
        <translation>فرد من الأسرة</translation>
    </message>
    <message>
        <source>New household member</source>
        <translation>فرد جديد في الأسرة</translation>
    </message>
    <message>
        <source>As on the Turkish ID card</source>
        <translation>كما في بطاقة الهوية التركية</translation>
    </message>
    <message>
        <source>When the date of birth is unknown</source>
        <translation>إذا كان تاريخ الميلاد غير معروف</translation>
    </message>
    <message>
        <source>TCKN or YKN, 11 digits</source>
        <translation>TCKN أو YKN، من 11 رقمًا</translation>
    </message>
    <message>
        <source>Name (Latin letters)</source>
        <translation>الاسم (بالحروف اللاتينية)</translation>
    </message>
    <message>
        <source>Name (Arabic letters)</source>
        <translation>الاسم (بالحروف العربية)</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>الجنس</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>تاريخ الميلاد</translation>
    </message>
    <message>
        <source>or age in years</source>
        <translation>أو العمر بالسنوات</translation>
    </message>
    <message>
        <source>Relation to the head</source>
        <translation>صلة القرابة برب الأسرة</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>رقم الهوية</translation>
    </message>
</context>
<context>
    <name>MembersModel</name>
    <message>
        <source>Name (Latin)</source>
        <translation>الاسم (لاتيني)</translation>
    </message>
    <message>
        <source>Name (Arabic)</source>
        <translation>الاسم (عربي)</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>الجنس</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>الميلاد</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>العمر</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>القرابة</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>رقم الهوية</translation>
    </message>
    <message>
        <source>about {year}</source>
        <translation>نحو {year}</translation>
    </message>
</context>
<context>
    <name>MembersPanel</name>
    <message>
        <source>&amp;Add member…</source>
        <translation>إضافة &amp;فرد…</translation>
    </message>
    <message>
        <source>&amp;Edit member…</source>
        <translation>&amp;تعديل الفرد…</translation>
    </message>
    <message>
        <source>&amp;Remove member</source>
        <translation>إ&amp;زالة الفرد</translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation>إزالة الفرد</translation>
    </message>
    <message>
        <source>Remove {name} from the household&apos;s register?</source>
        <translation>هل تريد إزالة {name} من سجل الأسرة؟</translation>
    </message>
</context>
<context>
    <name>MonitoringTab</name>
    <message>
        <source>Record a visit…</source>
        <translation>تسجيل زيارة…</translation>
    </message>
    <message>
        <source>Monitoring starts when the landlord agreement is signed and active; none is yet.</source>
        <translation>تبدأ المتابعة عندما تُوقَّع اتفاقية المؤجر وتصبح سارية؛ لا توجد اتفاقية سارية بعد.</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>الاتفاقية</translation>
    </message>
    <message>
        <source>{number} ({status})</source>
        <translation>{number} ({status})</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>المدة</translation>
    </message>
    <message>
        <source>Visits made</source>
        <translation>الزيارات المنجزة</translation>
    </message>
    <message>
        <source>{made} of {all}</source>
        <translation>{made} من {all}</translation>
    </message>
    <message>
        <source>Next visit due</source>
        <translation>موعد الزيارة التالية</translation>
    </message>
    <message>
        <source>none</source>
        <translation>لا يوجد</translation>
    </message>
    <message>
        <source>Rent agreed / last paid</source>
        <translation>الإيجار المتفق عليه / آخر مدفوع</translation>
    </message>
</context>
<context>
    <name>OfficeFields</name>
    <message>
        <source>3 letters, e.g. GAZ</source>
        <translation>3 أحرف، مثل GAZ</translation>
    </message>
    <message>
        <source>e.g. Gaziantep Field Office</source>
        <translation>مثل: مكتب غازي عنتاب الميداني</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>الولاية</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>الرمز</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
</context>
<context>
    <name>OfficeTableModel</name>
    <message>
        <source>Open</source>
        <translation>مفتوح</translation>
    </message>
    <message>
        <source>Closed on {date}</source>
        <translation>أُغلق في ⁨{date}⁩</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>الرمز</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>الولاية</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>الميزانية</translation>
    </message>
</context>
<context>
    <name>OfficesPage</name>
    <message>
        <source>Offices</source>
        <translation>المكاتب</translation>
    </message>
    <message>
        <source>Add office…</source>
        <translation>إضافة مكتب…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>إعادة التسمية…</translation>
    </message>
    <message>
        <source>Close office…</source>
        <translation>إغلاق المكتب…</translation>
    </message>
    <message>
        <source>The office keeps its records and users but registers no new cases</source>
        <translation>يحتفظ المكتب بسجلاته ومستخدميه، لكنه لا يسجّل حالات جديدة</translation>
    </message>
    <message>
        <source>Reopen office</source>
        <translation>إعادة فتح المكتب</translation>
    </message>
    <message>
        <source>Budget…</source>
        <translation>الميزانية…</translation>
    </message>
    <message>
        <source>Office {code} is added.</source>
        <translation>تمت إضافة المكتب ⁨{code}⁩.</translation>
    </message>
    <message>
        <source>Office {code} is renamed.</source>
        <translation>تمت إعادة تسمية المكتب ⁨{code}⁩.</translation>
    </message>
    <message>
        <source>The budget of office {code} is saved.</source>
        <translation>تم حفظ ميزانية المكتب {code}.</translation>
    </message>
    <message>
        <source>Close office {code}?</source>
        <translation>إغلاق المكتب ⁨{code}⁩؟</translation>
    </message>
    <message>
        <source>{name} will register no new cases. Its cases, records and users stay, and you can reopen it later.</source>
        <translation>لن يسجّل ⁨{name}⁩ حالات جديدة. تبقى حالاته وسجلاته ومستخدموه، ويمكنك إعادة فتحه لاحقًا.</translation>
    </message>
    <message>
        <source>Office {code} is closed.</source>
        <translation>تم إغلاق المكتب ⁨{code}⁩.</translation>
    </message>
    <message>
        <source>Office {code} is open again.</source>
        <translation>أُعيد فتح المكتب ⁨{code}⁩.</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>لم يتم التنفيذ</translation>
    </message>
</context>
<context>
    <name>OfficesStep</name>
    <message>
        <source>Offices</source>
        <translation>المكاتب</translation>
    </message>
    <message>
        <source>Add each field office. You can add, rename and close offices later too.</source>
        <translation>أضف كل مكتب ميداني. ويمكنك لاحقًا أيضًا إضافة المكاتب وإعادة تسميتها وإغلاقها.</translation>
    </message>
    <message>
        <source>Choose the province first: the programme&apos;s usual code and name are filled in. The code starts every reference the office issues (GAZ-D-000123) and cannot change later.</source>
        <translation>اختر الولاية أولًا: يُملأ رمز مكتب البرنامج المعتاد واسمه تلقائيًا. الرمز يبدأ به كل مرجع يصدره المكتب (GAZ-D-000123) ولا يمكن تغييره لاحقًا.</translation>
    </message>
    <message>
        <source>Add office</source>
        <translation>إضافة المكتب</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>إزالة</translation>
    </message>
    <message>
        <source>Offices to create:</source>
        <translation>المكاتب التي ستُنشأ:</translation>
    </message>
</context>
<context>
    <name>OpeningsTable</name>
    <message>
        <source>Add window or door</source>
        <translation>إضافة نافذة أو باب</translation>
    </message>
</context>
<context>
    <name>OptionsStep</name>
    <message>
        <source>Skip them: keep what is registered</source>
        <translation>تخطَّها: أبقِ المسجَّل كما هو</translation>
    </message>
    <message>
        <source>Update them with the file&apos;s values</source>
        <translation>حدِّثها بقيم الملف</translation>
    </message>
    <message>
        <source>Import the valid rows; the report lists the others</source>
        <translation>استورد الصفوف الصالحة، ويسرد التقرير الباقي</translation>
    </message>
    <message>
        <source>All or nothing: import no row until every row is valid</source>
        <translation>الكل أو لا شيء: لا تستورد أي صف حتى تصبح كل الصفوف صالحة</translation>
    </message>
    <message>
        <source>Also import rows with warnings (values the form would ask to confirm)</source>
        <translation>استورد أيضًا الصفوف التي فيها تحذيرات (قيم يطلب النموذج تأكيدها)</translation>
    </message>
    <message>
        <source>No photos</source>
        <translation>لا صور</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>استعراض…</translation>
    </message>
    <message>
        <source>Photos named in the file are looked for in this folder and its subfolders (KoboToolbox: the unzipped attachments download).</source>
        <translation>يُبحث عن الصور المذكورة في الملف في هذا المجلد ومجلداته الفرعية (KoboToolbox: المرفقات المنزَّلة بعد فك ضغطها).</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>الصور</translation>
    </message>
    <message>
        <source>Records already registered (same ID number, IBAN or Kobo submission)</source>
        <translation>السجلات المسجَّلة مسبقًا (رقم الهوية نفسه أو IBAN أو إرسال Kobo)</translation>
    </message>
    <message>
        <source>Rows with errors</source>
        <translation>الصفوف التي فيها أخطاء</translation>
    </message>
    <message>
        <source>Folder of the photos</source>
        <translation>مجلد الصور</translation>
    </message>
</context>
<context>
    <name>OverdueModel</name>
    <message>
        <source>Agreement</source>
        <translation>الاتفاقية</translation>
    </message>
    <message>
        <source>Dwelling</source>
        <translation>المسكن</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>المستأجر</translation>
    </message>
    <message>
        <source>Due since</source>
        <translation>مستحقة منذ</translation>
    </message>
    <message>
        <source>Days late</source>
        <translation>أيام التأخير</translation>
    </message>
    <message>
        <source>Visits missed</source>
        <translation>الزيارات الفائتة</translation>
    </message>
</context>
<context>
    <name>PackageButtons</name>
    <message>
        <source>Export package…</source>
        <translation>تصدير حزمة…</translation>
    </message>
    <message>
        <source>Write this laptop&apos;s changes and new photos into a file for a USB stick, for an office without a connection</source>
        <translation>يكتب تغييرات هذا الحاسوب وصوره الجديدة في ملف لذاكرة USB، لمكتب بلا اتصال</translation>
    </message>
    <message>
        <source>Import package…</source>
        <translation>استيراد حزمة…</translation>
    </message>
    <message>
        <source>Where the server is reached: apply a laptop&apos;s package and write its receipt. On that laptop: import the receipt</source>
        <translation>حيث يمكن الوصول إلى الخادم: يطبّق حزمة حاسوب ويكتب إيصالها. وعلى ذلك الحاسوب: يستورد الإيصال</translation>
    </message>
    <message>
        <source>Sync packages (*{suffix});;All files (*)</source>
        <translation>حزم المزامنة (*{suffix});;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Export package</source>
        <translation>تصدير حزمة</translation>
    </message>
    <message>
        <source>Writing the package…</source>
        <translation>جارٍ كتابة الحزمة…</translation>
    </message>
    <message>
        <source>Wrote package {number} to {file}: {ops}, {files}. Import it where the server is reached, then import its receipt here.</source>
        <translation>كُتبت الحزمة رقم ⁨{number}⁩ في ⁦{file}⁩: {ops}، و{files}. استوردها حيث يمكن الوصول إلى الخادم، ثم استورد إيصالها هنا.</translation>
    </message>
    <message numerus="yes">
        <source>%n changes</source>
        <translation>
            <numerusform>لا تعديلات</numerusform>
            <numerusform>تعديل واحد</numerusform>
            <numerusform>تعديلان</numerusform>
            <numerusform>⁨%n⁩ تعديلات</numerusform>
            <numerusform>⁨%n⁩ تعديلًا</numerusform>
            <numerusform>⁨%n⁩ تعديل</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photos and scans</source>
        <translation>
            <numerusform>لا صور ولا مسوح</numerusform>
            <numerusform>ملف واحد من الصور والمسوح</numerusform>
            <numerusform>ملفان من الصور والمسوح</numerusform>
            <numerusform>⁨%n⁩ ملفات من الصور والمسوح</numerusform>
            <numerusform>⁨%n⁩ ملفًا من الصور والمسوح</numerusform>
            <numerusform>⁨%n⁩ ملف من الصور والمسوح</numerusform>
        </translation>
    </message>
    <message>
        <source>Receipt taken: {applied}, {conflicts}, {refused}; received {pulled} and {files}.</source>
        <translation>أُخذ الإيصال: {applied}، {conflicts}، {refused}؛ ووصل {pulled} و{files}.</translation>
    </message>
    <message numerus="yes">
        <source>%n applied</source>
        <translation>
            <numerusform>لم يُطبَّق أي تعديل</numerusform>
            <numerusform>طُبّق تعديل واحد</numerusform>
            <numerusform>طُبّق تعديلان</numerusform>
            <numerusform>طُبّقت ⁨%n⁩ تعديلات</numerusform>
            <numerusform>طُبّق ⁨%n⁩ تعديلًا</numerusform>
            <numerusform>طُبّق ⁨%n⁩ تعديل</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in conflict</source>
        <translation>
            <numerusform>لا تعديلات في تعارض</numerusform>
            <numerusform>تعديل واحد في تعارض</numerusform>
            <numerusform>تعديلان في تعارض</numerusform>
            <numerusform>⁨%n⁩ تعديلات في تعارض</numerusform>
            <numerusform>⁨%n⁩ تعديلًا في تعارض</numerusform>
            <numerusform>⁨%n⁩ تعديل في تعارض</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused</source>
        <translation>
            <numerusform>لم يُرفض أي تعديل</numerusform>
            <numerusform>رُفض تعديل واحد</numerusform>
            <numerusform>رُفض تعديلان</numerusform>
            <numerusform>رُفضت ⁨%n⁩ تعديلات</numerusform>
            <numerusform>رُفض ⁨%n⁩ تعديلًا</numerusform>
            <numerusform>رُفض ⁨%n⁩ تعديل</numerusform>
        </translation>
    </message>
    <message>
        <source>Import package or receipt</source>
        <translation>استيراد حزمة أو إيصال</translation>
    </message>
    <message>
        <source>Save the receipt</source>
        <translation>حفظ الإيصال</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>جارٍ الاستيراد…</translation>
    </message>
    <message>
        <source>Applied the package; its receipt is {file}. Take it back to the laptop and import it there.</source>
        <translation>طُبّقت الحزمة؛ إيصالها هو {file}. أعده إلى الحاسوب واستورده هناك.</translation>
    </message>
    <message>
        <source>A sync is running; try again when it has finished.</source>
        <translation>تجري مزامنة الآن؛ حاول مرة أخرى عند انتهائها.</translation>
    </message>
</context>
<context>
    <name>PackageEnrolForm</name>
    <message>
        <source>No network here? Enrol from a USB stick</source>
        <translation>لا توجد شبكة هنا؟ سجّل من ذاكرة USB</translation>
    </message>
    <message>
        <source>An administrator writes this laptop&apos;s enrolment package on the server ({command}) and gives you the code printed with it, apart from the stick. Choose the package, type the code and press Import: the office&apos;s records come from the package.</source>
        <translation>يُعدّ مدير حزمة التسجيل لهذا الحاسوب على الخادم (⁨{command}⁩) ويعطيك الرمز المطبوع معها بمعزل عن ذاكرة USB. اختر الحزمة واكتب الرمز ثم اضغط استيراد: تأتي سجلات المكتب من الحزمة.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>اختيار…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <source>Enrolment package</source>
        <translation>حزمة التسجيل</translation>
    </message>
    <message>
        <source>Package code</source>
        <translation>رمز الحزمة</translation>
    </message>
    <message>
        <source>Sync packages (*{suffix});;All files (*)</source>
        <translation>حزم المزامنة (*{suffix});;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Choose the enrolment package.</source>
        <translation>اختر حزمة التسجيل.</translation>
    </message>
    <message>
        <source>Type the code given with the package.</source>
        <translation>اكتب الرمز الذي أُعطي مع الحزمة.</translation>
    </message>
    <message>
        <source>Importing the enrolment package…</source>
        <translation>جارٍ استيراد حزمة التسجيل…</translation>
    </message>
    <message>
        <source>Enrolled as {name}.</source>
        <translation>سُجّل باسم ⁨{name}⁩.</translation>
    </message>
</context>
<context>
    <name>PaymentsTab</name>
    <message>
        <source>Build payment batch</source>
        <translation>إعداد دفعة مدفوعات</translation>
    </message>
    <message>
        <source>Export XLSX…</source>
        <translation>تصدير XLSX…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>تصدير CSV…</translation>
    </message>
    <message>
        <source>Print payment list</source>
        <translation>طباعة قائمة المدفوعات</translation>
    </message>
    <message>
        <source>Mark paid</source>
        <translation>وضع علامة «مدفوعة»</translation>
    </message>
    <message>
        <source>Month (YYYY-MM)</source>
        <translation>الشهر (YYYY-MM)</translation>
    </message>
    <message numerus="yes">
        <source>%n approved timesheets (days worked: {days}) wait for a batch.</source>
        <translation>
            <numerusform>لا كشوف دوام معتمدة (أيام العمل: ⁨{days}⁩) بانتظار دفعة.</numerusform>
            <numerusform>كشف دوام معتمد واحد (أيام العمل: ⁨{days}⁩) بانتظار دفعة.</numerusform>
            <numerusform>كشفا دوام معتمدان (أيام العمل: ⁨{days}⁩) بانتظار دفعة.</numerusform>
            <numerusform>⁨%n⁩ كشوف دوام معتمدة (أيام العمل: ⁨{days}⁩) بانتظار دفعة.</numerusform>
            <numerusform>⁨%n⁩ كشفَ دوام معتمدًا (أيام العمل: ⁨{days}⁩) بانتظار دفعة.</numerusform>
            <numerusform>⁨%n⁩ كشف دوام معتمد (أيام العمل: ⁨{days}⁩) بانتظار دفعة.</numerusform>
        </translation>
    </message>
    <message>
        <source>Pay before the month ends</source>
        <translation>الدفع قبل نهاية الشهر</translation>
    </message>
    <message>
        <source>Built {refs}: {total}.</source>
        <translation>تم إعداد ⁨{refs}⁩: ⁨{total}⁩.</translation>
    </message>
    <message>
        <source>Writing the payment list…</source>
        <translation>جارٍ كتابة قائمة المدفوعات…</translation>
    </message>
    <message numerus="yes">
        <source>Saved {path}: %n lines, total {total}.</source>
        <translation>
            <numerusform>تم حفظ ⁦{path}⁩: لا أسطر، المجموع ⁨{total}⁩.</numerusform>
            <numerusform>تم حفظ ⁦{path}⁩: سطر واحد، المجموع ⁨{total}⁩.</numerusform>
            <numerusform>تم حفظ ⁦{path}⁩: سطران، المجموع ⁨{total}⁩.</numerusform>
            <numerusform>تم حفظ ⁦{path}⁩: ⁨%n⁩ أسطر، المجموع ⁨{total}⁩.</numerusform>
            <numerusform>تم حفظ ⁦{path}⁩: ⁨%n⁩ سطرًا، المجموع ⁨{total}⁩.</numerusform>
            <numerusform>تم حفظ ⁦{path}⁩: ⁨%n⁩ سطر، المجموع ⁨{total}⁩.</numerusform>
        </translation>
    </message>
    <message>
        <source>Printing the payment list…</source>
        <translation>جارٍ طباعة قائمة المدفوعات…</translation>
    </message>
    <message>
        <source>{ref} is recorded as paid.</source>
        <translation>سُجّلت ⁨{ref}⁩ على أنها مدفوعة.</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx)</source>
        <translation>جداول البيانات (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>ملفات CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export the payment list</source>
        <translation>تصدير قائمة المدفوعات</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message numerus="yes">
        <source>%n pages — {path}</source>
        <translation>
            <numerusform>لا صفحات — ⁦{path}⁩</numerusform>
            <numerusform>صفحة واحدة — ⁦{path}⁩</numerusform>
            <numerusform>صفحتان — ⁦{path}⁩</numerusform>
            <numerusform>⁨%n⁩ صفحات — ⁦{path}⁩</numerusform>
            <numerusform>⁨%n⁩ صفحة — ⁦{path}⁩</numerusform>
            <numerusform>⁨%n⁩ صفحة — ⁦{path}⁩</numerusform>
        </translation>
    </message>
    <message>
        <source>Save a copy…</source>
        <translation>حفظ نسخة…</translation>
    </message>
    <message>
        <source>Open in the system viewer</source>
        <translation>فتح في عارض النظام</translation>
    </message>
    <message>
        <source>Save the PDF</source>
        <translation>حفظ ملف PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>ملفات PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>لم يُحفظ</translation>
    </message>
    <message>
        <source>Cannot write {path}: {error}</source>
        <translation>تتعذّر الكتابة في ⁦{path}⁩: ⁨{error}⁩</translation>
    </message>
</context>
<context>
    <name>PhotoDetailsDialog</name>
    <message>
        <source>Photo details</source>
        <translation>تفاصيل الصورة</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(لا يوجد)</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>التعليق</translation>
    </message>
    <message>
        <source>Shows</source>
        <translation>تُظهر</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>التقييم</translation>
    </message>
</context>
<context>
    <name>PhotoPlace</name>
    <message>
        <source>only on this laptop</source>
        <translation>على هذا الحاسوب فقط</translation>
    </message>
    <message>
        <source>uploading</source>
        <translation>قيد الرفع</translation>
    </message>
    <message>
        <source>on the server</source>
        <translation>على الخادم</translation>
    </message>
    <message>
        <source>on the server, not yet here</source>
        <translation>على الخادم، ولم يصل إلى هنا بعد</translation>
    </message>
</context>
<context>
    <name>PhotoTag</name>
    <message>
        <source>Before</source>
        <translation>قبل</translation>
    </message>
    <message>
        <source>During</source>
        <translation>أثناء</translation>
    </message>
    <message>
        <source>After</source>
        <translation>بعد</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <source>◀ Previous</source>
        <translation>◀ السابقة</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>التالية ▶</translation>
    </message>
    <message>
        <source>Fetching the full photo… %p%</source>
        <translation>جارٍ جلب الصورة الكاملة… %p%</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>إيقاف</translation>
    </message>
    <message>
        <source>Photo {n} of {count}</source>
        <translation>الصورة ⁨{n}⁩ من ⁨{count}⁩</translation>
    </message>
    <message>
        <source>Only the thumbnail is on this laptop; the full photo is being fetched from the server.</source>
        <translation>لا توجد على هذا الحاسوب إلا الصورة المصغّرة؛ يجري جلب الصورة الكاملة من الخادم.</translation>
    </message>
    <message>
        <source>The photo&apos;s file is missing; run shelter-app check.</source>
        <translation>ملف الصورة مفقود؛ شغّل shelter-app check.</translation>
    </message>
    <message>
        <source>Fetching stopped. The full photo comes with the next sync, or when you open it again.</source>
        <translation>توقّف الجلب. تأتي الصورة الكاملة مع المزامنة التالية، أو عندما تفتحها مرة أخرى.</translation>
    </message>
</context>
<context>
    <name>PhotosPanel</name>
    <message>
        <source>Import photos…</source>
        <translation>استيراد صور…</translation>
    </message>
    <message>
        <source>Import a folder…</source>
        <translation>استيراد مجلد…</translation>
    </message>
    <message>
        <source>All photos</source>
        <translation>جميع الصور</translation>
    </message>
    <message>
        <source>The tag new photos get</source>
        <translation>الوسم الذي تأخذه الصور الجديدة</translation>
    </message>
    <message>
        <source>Before / after…</source>
        <translation>قبل / بعد…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>تعديل…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>إزالة</translation>
    </message>
    <message>
        <source>as</source>
        <translation>بالوسم</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>عرض</translation>
    </message>
    <message numerus="yes">
        <source>%n photos. Double-click one to look at it closely.</source>
        <translation>
            <numerusform>لا صور.</numerusform>
            <numerusform>صورة واحدة. انقر عليها نقرًا مزدوجًا لرؤيتها عن قرب.</numerusform>
            <numerusform>صورتان. انقر نقرًا مزدوجًا على إحداهما لرؤيتها عن قرب.</numerusform>
            <numerusform>⁨%n⁩ صور. انقر نقرًا مزدوجًا على صورة لرؤيتها عن قرب.</numerusform>
            <numerusform>⁨%n⁩ صورةً. انقر نقرًا مزدوجًا على صورة لرؤيتها عن قرب.</numerusform>
            <numerusform>⁨%n⁩ صورة. انقر نقرًا مزدوجًا على صورة لرؤيتها عن قرب.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n photos from this dwelling? The audit trail keeps a record of them.</source>
        <translation>
            <numerusform>لا صور لإزالتها.</numerusform>
            <numerusform>هل تريد إزالة صورة واحدة من هذا المسكن؟ يحتفظ سجل التدقيق بقيد لها.</numerusform>
            <numerusform>هل تريد إزالة صورتين من هذا المسكن؟ يحتفظ سجل التدقيق بقيد لهما.</numerusform>
            <numerusform>هل تريد إزالة ⁨%n⁩ صور من هذا المسكن؟ يحتفظ سجل التدقيق بقيد لها.</numerusform>
            <numerusform>هل تريد إزالة ⁨%n⁩ صورةً من هذا المسكن؟ يحتفظ سجل التدقيق بقيد لها.</numerusform>
            <numerusform>هل تريد إزالة ⁨%n⁩ صورة من هذا المسكن؟ يحتفظ سجل التدقيق بقيد لها.</numerusform>
        </translation>
    </message>
    <message>
        <source>No photos yet. Import them with the buttons above, or drop photos or a folder here.</source>
        <translation>لا توجد صور بعد. استوردها بالأزرار أعلاه، أو أفلت الصور أو مجلدًا هنا.</translation>
    </message>
    <message>
        <source>No photos yet.</source>
        <translation>لا توجد صور بعد.</translation>
    </message>
    <message>
        <source>Select a photo to edit first.</source>
        <translation>حدّد أولًا الصورة المراد تعديلها.</translation>
    </message>
    <message>
        <source>Select the photos to remove first.</source>
        <translation>حدّد أولًا الصور المراد إزالتها.</translation>
    </message>
    <message>
        <source>Remove photos</source>
        <translation>إزالة الصور</translation>
    </message>
    <message>
        <source>Import photos</source>
        <translation>استيراد الصور</translation>
    </message>
    <message>
        <source>Photos ({patterns});;All files (*)</source>
        <translation>الصور ({patterns});;جميع الملفات (*)</translation>
    </message>
    <message>
        <source>Import a folder of photos</source>
        <translation>استيراد مجلد صور</translation>
    </message>
    <message>
        <source>Importing photos…</source>
        <translation>جارٍ استيراد الصور…</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>الصور</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Importing photos: {done} of {total}…</source>
        <translation>جارٍ استيراد الصور: ⁨{done}⁩ من ⁨{total}⁩…</translation>
    </message>
    <message>
        <source>{imported}, {duplicates}, {refused}, {skipped}.</source>
        <translation>{imported}، {duplicates}، {refused}، {skipped}.</translation>
    </message>
    <message numerus="yes">
        <source>%n photos imported</source>
        <translation>
            <numerusform>لم تُستورد أي صورة</numerusform>
            <numerusform>استُوردت صورة واحدة</numerusform>
            <numerusform>استُوردت صورتان</numerusform>
            <numerusform>استُوردت ⁨%n⁩ صور</numerusform>
            <numerusform>استُوردت ⁨%n⁩ صورةً</numerusform>
            <numerusform>استُوردت ⁨%n⁩ صورة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n duplicates</source>
        <translation>
            <numerusform>لا مكررات</numerusform>
            <numerusform>مكررة واحدة</numerusform>
            <numerusform>مكررتان</numerusform>
            <numerusform>⁨%n⁩ مكررات</numerusform>
            <numerusform>⁨%n⁩ مكررةً</numerusform>
            <numerusform>⁨%n⁩ مكررة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photos refused</source>
        <translation>
            <numerusform>لم تُرفض أي صورة</numerusform>
            <numerusform>رُفضت صورة واحدة</numerusform>
            <numerusform>رُفضت صورتان</numerusform>
            <numerusform>رُفضت ⁨%n⁩ صور</numerusform>
            <numerusform>رُفضت ⁨%n⁩ صورةً</numerusform>
            <numerusform>رُفضت ⁨%n⁩ صورة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not imported</source>
        <translation>
            <numerusform>لا صور دون استيراد</numerusform>
            <numerusform>صورة واحدة لم تُستورد</numerusform>
            <numerusform>صورتان لم تُستوردا</numerusform>
            <numerusform>⁨%n⁩ صور لم تُستورد</numerusform>
            <numerusform>⁨%n⁩ صورةً لم تُستورد</numerusform>
            <numerusform>⁨%n⁩ صورة لم تُستورد</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PreviewStep</name>
    <message>
        <source>Only problems</source>
        <translation>المشكلات فقط</translation>
    </message>
    <message>
        <source>Rejected rows and rows with a remark</source>
        <translation>الصفوف المرفوضة والصفوف التي عليها ملاحظة</translation>
    </message>
    <message>
        <source>Save report…</source>
        <translation>حفظ التقرير…</translation>
    </message>
    <message>
        <source>The rows not imported as new, with the reason, as .xlsx or .csv</source>
        <translation>الصفوف التي لم تُستورد كجديدة، مع السبب، بصيغة ‎.xlsx أو ‎.csv</translation>
    </message>
    <message>
        <source>Supervisor&apos;s confirmation…</source>
        <translation>موافقة المشرف…</translation>
    </message>
    <message>
        <source>Rows whose ID number is on other records are imported only when a supervisor confirms, with a reason</source>
        <translation>لا تُستورد الصفوف التي يوجد رقم هويتها في سجلات أخرى إلا إذا أكّدها مشرف مع ذكر السبب</translation>
    </message>
    <message>
        <source>Row {row}: {message}</source>
        <translation>الصف {row}: {message}</translation>
    </message>
    <message>
        <source>row {row}: {name} {status}</source>
        <translation>الصف ⁨{row}⁩: ⁨{name}⁩ ⁨{status}⁩</translation>
    </message>
    <message numerus="yes">
        <source>and %n more (see the report)</source>
        <translation>
            <numerusform>و⁨%n⁩ أخرى (انظر التقرير)</numerusform>
            <numerusform>وواحدة أخرى (انظر التقرير)</numerusform>
            <numerusform>واثنتان أخريان (انظر التقرير)</numerusform>
            <numerusform>و⁨%n⁩ أخرى (انظر التقرير)</numerusform>
            <numerusform>و⁨%n⁩ أخرى (انظر التقرير)</numerusform>
            <numerusform>و⁨%n⁩ أخرى (انظر التقرير)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n rows to {path}.</source>
        <translation>
            <numerusform>لم يُكتب أي صف في ⁦{path}⁩.</numerusform>
            <numerusform>كُتب صف واحد في ⁦{path}⁩.</numerusform>
            <numerusform>كُتب صفان في ⁦{path}⁩.</numerusform>
            <numerusform>كُتبت ⁨%n⁩ صفوف في ⁦{path}⁩.</numerusform>
            <numerusform>كُتب ⁨%n⁩ صفًا في ⁦{path}⁩.</numerusform>
            <numerusform>كُتب ⁨%n⁩ صف في ⁦{path}⁩.</numerusform>
        </translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>حفظ التقرير</translation>
    </message>
    <message>
        <source>{new}, {updated}, {unchanged}, {skipped} (already registered), {rejected}; {empty}.</source>
        <translation>{new}، {updated}، {unchanged}، {skipped} (مسجلة من قبل)، {rejected}؛ {empty}.</translation>
    </message>
    <message numerus="yes">
        <source>%n new rows</source>
        <translation>
            <numerusform>لا صفوف جديدة</numerusform>
            <numerusform>صف جديد واحد</numerusform>
            <numerusform>صفان جديدان</numerusform>
            <numerusform>⁨%n⁩ صفوف جديدة</numerusform>
            <numerusform>⁨%n⁩ صفًا جديدًا</numerusform>
            <numerusform>⁨%n⁩ صف جديد</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n updated</source>
        <translation>
            <numerusform>لم يُحدَّث أي صف</numerusform>
            <numerusform>حُدِّث صف واحد</numerusform>
            <numerusform>حُدِّث صفان</numerusform>
            <numerusform>حُدِّثت ⁨%n⁩ صفوف</numerusform>
            <numerusform>حُدِّث ⁨%n⁩ صفًا</numerusform>
            <numerusform>حُدِّث ⁨%n⁩ صف</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unchanged</source>
        <translation>
            <numerusform>لا صفوف دون تغيير</numerusform>
            <numerusform>صف واحد دون تغيير</numerusform>
            <numerusform>صفان دون تغيير</numerusform>
            <numerusform>⁨%n⁩ صفوف دون تغيير</numerusform>
            <numerusform>⁨%n⁩ صفًا دون تغيير</numerusform>
            <numerusform>⁨%n⁩ صف دون تغيير</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>لم يُتخطَّ أي صف</numerusform>
            <numerusform>تُخطّي صف واحد</numerusform>
            <numerusform>تُخطّي صفان</numerusform>
            <numerusform>تُخطّيت ⁨%n⁩ صفوف</numerusform>
            <numerusform>تُخطّي ⁨%n⁩ صفًا</numerusform>
            <numerusform>تُخطّي ⁨%n⁩ صف</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejected</source>
        <translation>
            <numerusform>لم يُرفض أي صف</numerusform>
            <numerusform>رُفض صف واحد</numerusform>
            <numerusform>رُفض صفان</numerusform>
            <numerusform>رُفضت ⁨%n⁩ صفوف</numerusform>
            <numerusform>رُفض ⁨%n⁩ صفًا</numerusform>
            <numerusform>رُفض ⁨%n⁩ صف</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n empty rows left out</source>
        <translation>
            <numerusform>لا صفوف فارغة</numerusform>
            <numerusform>استُبعد صف فارغ واحد</numerusform>
            <numerusform>استُبعد صفان فارغان</numerusform>
            <numerusform>استُبعدت ⁨%n⁩ صفوف فارغة</numerusform>
            <numerusform>استُبعد ⁨%n⁩ صفًا فارغًا</numerusform>
            <numerusform>استُبعد ⁨%n⁩ صف فارغ</numerusform>
        </translation>
    </message>
    <message>
        <source>{imported}, {missing}.</source>
        <translation>{imported}، {missing}.</translation>
    </message>
    <message numerus="yes">
        <source>%n photos imported</source>
        <translation>
            <numerusform>لم تُستورد أي صورة</numerusform>
            <numerusform>استُوردت صورة واحدة</numerusform>
            <numerusform>استُوردت صورتان</numerusform>
            <numerusform>استُوردت ⁨%n⁩ صور</numerusform>
            <numerusform>استُوردت ⁨%n⁩ صورةً</numerusform>
            <numerusform>استُوردت ⁨%n⁩ صورة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photos not found</source>
        <translation>
            <numerusform>لا صور مفقودة</numerusform>
            <numerusform>صورة واحدة غير موجودة</numerusform>
            <numerusform>صورتان غير موجودتين</numerusform>
            <numerusform>⁨%n⁩ صور غير موجودة</numerusform>
            <numerusform>⁨%n⁩ صورةً غير موجودة</numerusform>
            <numerusform>⁨%n⁩ صورة غير موجودة</numerusform>
        </translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV for Excel (*.csv)</source>
        <translation>مصنف Excel ‏(*.xlsx);;ملف CSV لـ Excel ‏(*.csv)</translation>
    </message>
</context>
<context>
    <name>ProgrammePage</name>
    <message>
        <source>The programme</source>
        <translation>البرنامج</translation>
    </message>
    <message>
        <source>This database is new. Name the programme, add its offices, then create the administrator&apos;s account.</source>
        <translation>قاعدة البيانات هذه جديدة. سمِّ البرنامج، وأضف مكاتبه، ثم أنشئ حساب مدير النظام.</translation>
    </message>
    <message>
        <source>Programme name</source>
        <translation>اسم البرنامج</translation>
    </message>
    <message>
        <source>Printed on every agreement as the third party.</source>
        <translation>يُطبع على كل اتفاقية بصفته الطرف الثالث.</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>Recovery key</source>
        <translation>مفتاح الاسترداد</translation>
    </message>
    <message>
        <source>This computer&apos;s data is encrypted. If every password is lost, only this recovery key opens it. Print it or write it down now and keep it locked away from the computer: it is shown only this once.</source>
        <translation>بيانات هذا الحاسوب مشفّرة. إذا فُقدت كل كلمات المرور فلن يفتحها إلا مفتاح الاسترداد هذا. اطبعه أو اكتبه الآن واحفظه في مكان مقفل بعيدًا عن الحاسوب: لن يُعرض إلا هذه المرة.</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>طباعة…</translation>
    </message>
    <message>
        <source>Barınak recovery key</source>
        <translation>مفتاح استرداد Barınak</translation>
    </message>
    <message>
        <source>It opens this computer&apos;s data when every password is lost. Keep it locked away from the computer.</source>
        <translation>يفتح بيانات هذا الحاسوب إذا فُقدت كل كلمات المرور. احفظه في مكان مقفل بعيدًا عن الحاسوب.</translation>
    </message>
</context>
<context>
    <name>RegisterCaseDialog</name>
    <message>
        <source>Register household and dwelling</source>
        <translation>تسجيل الأسرة والمسكن</translation>
    </message>
</context>
<context>
    <name>RenameOfficeDialog</name>
    <message>
        <source>Rename office {code}</source>
        <translation>إعادة تسمية المكتب ⁨{code}⁩</translation>
    </message>
    <message>
        <source>The code {code} and the references already issued stay as they are.</source>
        <translation>يبقى الرمز ⁨{code}⁩ والمراجع الصادرة سابقًا كما هي.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Reports</source>
        <translation>التقارير</translation>
    </message>
    <message>
        <source>All offices</source>
        <translation>جميع المكاتب</translation>
    </message>
    <message>
        <source>Only the period from</source>
        <translation>الفترة فقط من</translation>
    </message>
    <message>
        <source>Save as XLSX…</source>
        <translation>حفظ بصيغة XLSX…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>حفظ بصيغة PDF…</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>المكتب</translation>
    </message>
    <message>
        <source>to</source>
        <translation>إلى</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>جارٍ الحساب…</translation>
    </message>
    <message numerus="yes">
        <source>{scope} — %n cases.</source>
        <translation>
            <numerusform>{scope} — لا حالات.</numerusform>
            <numerusform>{scope} — حالة واحدة.</numerusform>
            <numerusform>{scope} — حالتان.</numerusform>
            <numerusform>{scope} — ⁨%n⁩ حالات.</numerusform>
            <numerusform>{scope} — ⁨%n⁩ حالةً.</numerusform>
            <numerusform>{scope} — ⁨%n⁩ حالة.</numerusform>
        </translation>
    </message>
    <message>
        <source>Save the programme report</source>
        <translation>حفظ تقرير البرنامج</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>مصنف Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>مستند PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saving {name}…</source>
        <translation>جارٍ حفظ {name}…</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>تم حفظ {path}.</translation>
    </message>
    <message>
        <source>Cannot save {name}</source>
        <translation>تعذّر حفظ {name}</translation>
    </message>
</context>
<context>
    <name>RequestInbox</name>
    <message>
        <source>Approve and reopen</source>
        <translation>اعتماد وإعادة الفتح</translation>
    </message>
    <message>
        <source>Return…</source>
        <translation>إعادة…</translation>
    </message>
    <message>
        <source>No reopen request waits.</source>
        <translation>لا توجد طلبات إعادة فتح بانتظار القرار.</translation>
    </message>
    <message>
        <source>{who} asks on {when} to reopen {ref} ({house}):
{reason}</source>
        <translation>يطلب {who} بتاريخ {when} إعادة فتح {ref} ({house}):
{reason}</translation>
    </message>
    <message>
        <source>Total incl. VAT: {total}</source>
        <translation>المجموع شاملًا ضريبة القيمة المضافة: ⁨{total}⁩</translation>
    </message>
    <message numerus="yes">
        <source>Approved timesheet of %n workers; days worked: {days}.</source>
        <translation>
            <numerusform>كشف دوام معتمد بلا عمال؛ أيام العمل: ⁨{days}⁩.</numerusform>
            <numerusform>كشف دوام معتمد لعامل واحد؛ أيام العمل: ⁨{days}⁩.</numerusform>
            <numerusform>كشف دوام معتمد لعاملَين؛ أيام العمل: ⁨{days}⁩.</numerusform>
            <numerusform>كشف دوام معتمد لـ⁨%n⁩ عمال؛ أيام العمل: ⁨{days}⁩.</numerusform>
            <numerusform>كشف دوام معتمد لـ⁨%n⁩ عاملًا؛ أيام العمل: ⁨{days}⁩.</numerusform>
            <numerusform>كشف دوام معتمد لـ⁨%n⁩ عامل؛ أيام العمل: ⁨{days}⁩.</numerusform>
        </translation>
    </message>
    <message>
        <source>{ref} is reopened; the engineer can correct it.</source>
        <translation>أُعيد فتح {ref}؛ يمكن للمهندس تصحيحه.</translation>
    </message>
    <message>
        <source>Return the request</source>
        <translation>إعادة الطلب</translation>
    </message>
    <message>
        <source>Why does the record stay as approved?</source>
        <translation>لماذا يبقى السجل كما اعتُمد؟</translation>
    </message>
    <message>
        <source>The request to reopen {ref} is returned to the engineer.</source>
        <translation>أُعيد طلب إعادة فتح {ref} إلى المهندس.</translation>
    </message>
</context>
<context>
    <name>RequestsModel</name>
    <message>
        <source>Record</source>
        <translation>السجل</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>الأسرة</translation>
    </message>
    <message>
        <source>Asked by</source>
        <translation>مقدّم الطلب</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>Reset password</source>
        <translation>إعادة تعيين كلمة المرور</translation>
    </message>
    <message>
        <source>Give this user a temporary password and tell it to them in person. They must change it at their next sign-in; a lock-out after failed sign-ins ends now.</source>
        <translation>أعطِ هذا المستخدم كلمة مرور مؤقتة وأخبره بها شخصيًا. عليه تغييرها عند تسجيل دخوله التالي، ويُرفع الآن أي قفل ناتج عن محاولات دخول فاشلة.</translation>
    </message>
    <message>
        <source>Temporary password</source>
        <translation>كلمة المرور المؤقتة</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>أعد كتابة كلمة المرور</translation>
    </message>
</context>
<context>
    <name>RoleOfficeDialog</name>
    <message>
        <source>Change role or office</source>
        <translation>تغيير الدور أو المكتب</translation>
    </message>
    <message>
        <source>The role decides what the user may do, the office which cases they work on. The change applies from their next sign-in.</source>
        <translation>يحدد الدور ما يمكن للمستخدم فعله، ويحدد المكتب الحالات التي يعمل عليها. يسري التغيير من تسجيل دخوله التالي.</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>الدور</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>المكتب</translation>
    </message>
</context>
<context>
    <name>RoomsTable</name>
    <message>
        <source>Add room</source>
        <translation>إضافة غرفة</translation>
    </message>
    <message>
        <source>Room {n}</source>
        <translation>الغرفة ⁨{n}⁩</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>The new language applies from the next start of Barınak. Documents keep their own languages.</source>
        <translation>تُطبَّق اللغة الجديدة عند التشغيل القادم لـ Barınak. تبقى المستندات بلغاتها الخاصة.</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>لغة الواجهة</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <source>Saved: {language} applies from the next start.</source>
        <translation>تم الحفظ: تُطبَّق ⁨{language}⁩ عند التشغيل القادم.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in</source>
        <translation>تسجيل الدخول</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>مقفلة</translation>
    </message>
    <message>
        <source>The window was locked after a period of inactivity. Enter your password to continue.</source>
        <translation>قُفلت النافذة بعد فترة من عدم النشاط. أدخل كلمة المرور للمتابعة.</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>اسم المستخدم</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>كلمة المرور</translation>
    </message>
    <message>
        <source>Switch user…</source>
        <translation>تبديل المستخدم…</translation>
    </message>
</context>
<context>
    <name>SignatureDialog</name>
    <message>
        <source>Signed agreement {number}</source>
        <translation>الاتفاقية الموقَّعة ⁨{number}⁩</translation>
    </message>
    <message>
        <source>the scan or photo of the signed paper</source>
        <translation>المسح الضوئي أو صورة الورقة الموقَّعة</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>اختيار…</translation>
    </message>
    <message>
        <source>Signed scan</source>
        <translation>المسح الموقَّع</translation>
    </message>
    <message>
        <source>Signed on</source>
        <translation>تاريخ التوقيع</translation>
    </message>
    <message>
        <source>The signed agreement</source>
        <translation>الاتفاقية الموقَّعة</translation>
    </message>
    <message>
        <source>Scans (*.pdf *.jpg *.jpeg *.png)</source>
        <translation>المسوح الضوئية (*.pdf *.jpg *.jpeg *.png)</translation>
    </message>
</context>
<context>
    <name>StageBar</name>
    <message>
        <source>Next step:</source>
        <translation>الخطوة التالية:</translation>
    </message>
    <message>
        <source>Move to “{stage}”</source>
        <translation>الانتقال إلى «⁨{stage}⁩»</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>جاهز.</translation>
    </message>
    <message>
        <source>Before “{stage}”: {reasons}</source>
        <translation>قبل «⁨{stage}⁩»: {reasons}</translation>
    </message>
</context>
<context>
    <name>StandardWords</name>
    <message>
        <source>OK</source>
        <translation>موافق</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>حفظ</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>فتح</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <source>No</source>
        <translation>لا</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>تطبيق</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>حاول مرة أخرى</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>مساعدة</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>التالي</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>السابق</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>إنهاء</translation>
    </message>
</context>
<context>
    <name>StartDialog</name>
    <message>
        <source>Barınak — first start</source>
        <translation>Barınak — التشغيل الأول</translation>
    </message>
    <message>
        <source>Welcome to Barınak</source>
        <translation>مرحبًا بك في Barınak</translation>
    </message>
    <message>
        <source>This database is empty. If your programme already works with Barınak and has a sync server, enrol this laptop: online, or from a USB stick where no network reaches. It then takes the programme&apos;s records and users, and you sign in as usual. Otherwise set up a new programme.</source>
        <translation>قاعدة البيانات هذه فارغة. إذا كان برنامجك يعمل بالفعل مع Barınak ولديه خادم مزامنة، فسجّل هذا الحاسوب: عبر الشبكة، أو من ذاكرة USB حيث لا تصل الشبكة. يأخذ الحاسوب بعدها سجلات البرنامج ومستخدميه، وتسجّل الدخول كالمعتاد. وإلا فأنشئ برنامجاً جديداً.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>حاول مرة أخرى</translation>
    </message>
    <message>
        <source>Set up a new programme instead…</source>
        <translation>أنشئ برنامجًا جديدًا بدلاً من ذلك…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>Taking the programme&apos;s records from the server…</source>
        <translation>جارٍ أخذ سجلات البرنامج من الخادم…</translation>
    </message>
    <message>
        <source>Taking the programme&apos;s records from the server: {done}…</source>
        <translation>جارٍ أخذ سجلات البرنامج من الخادم: ⁨{done}⁩…</translation>
    </message>
</context>
<context>
    <name>SupervisorDialog</name>
    <message>
        <source>Supervisor&apos;s confirmation</source>
        <translation>موافقة المشرف</translation>
    </message>
    <message>
        <source>Another record has this ID number. A supervisor may confirm that both records are right; the reason is kept in the audit trail.</source>
        <translation>رقم الهوية هذا موجود في سجل آخر. لا يؤكد صحة السجلين إلا مشرف؛ ويُحفظ السبب في سجل التدقيق.</translation>
    </message>
    <message>
        <source>e.g. the landlord also works on the site</source>
        <translation>مثلًا: المؤجر يعمل أيضًا في الموقع</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>ال&amp;سبب</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>المشرف</translation>
    </message>
    <message>
        <source>Supervisor&apos;s &amp;user name</source>
        <translation>&amp;اسم مستخدم المشرف</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;كلمة المرور</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>تأكيد</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source>sending {done} of {total}</source>
        <translation>إرسال ⁨{done}⁩ من ⁨{total}⁩</translation>
    </message>
    <message>
        <source>received {done}</source>
        <translation>استُلم ⁨{done}⁩</translation>
    </message>
    <message>
        <source>waiting to be sent: {count}</source>
        <translation>بانتظار الإرسال: ⁨{count}⁩</translation>
    </message>
    <message>
        <source>refused: {count}</source>
        <translation>مرفوض: ⁨{count}⁩</translation>
    </message>
    <message>
        <source>conflicts: {count}</source>
        <translation>تعارضات: ⁨{count}⁩</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>جارٍ المزامنة…</translation>
    </message>
    <message>
        <source>Sync failed</source>
        <translation>فشلت المزامنة</translation>
    </message>
    <message>
        <source>Click to open the Sync page.</source>
        <translation>انقر لفتح صفحة المزامنة.</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>لم تتم المزامنة بعد</translation>
    </message>
    <message>
        <source>Synced {when}</source>
        <translation>تمت المزامنة ⁨{when}⁩</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sync</source>
        <translation>المزامنة</translation>
    </message>
    <message>
        <source>This laptop</source>
        <translation>هذا الحاسوب</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>الخادم</translation>
    </message>
    <message>
        <source>Enrolled as</source>
        <translation>مسجّل باسم</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>آخر مزامنة</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>بانتظار الإرسال</translation>
    </message>
    <message>
        <source>Conflicts for a supervisor</source>
        <translation>تعارضات تنتظر المشرف</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>زامن الآن</translation>
    </message>
    <message>
        <source>Decide conflicts…</source>
        <translation>البتّ في التعارضات…</translation>
    </message>
    <message>
        <source>Changes the server did not take</source>
        <translation>تعديلات لم يقبلها الخادم</translation>
    </message>
    <message>
        <source>The server refused these changes or found that another machine had changed the same field; it kept its own data, which this laptop now shows. A conflict waits for a supervisor&apos;s decision. Remove a change from this list once you have read it.</source>
        <translation>رفض الخادم هذه التعديلات أو وجد أن جهازًا آخر غيّر الحقل نفسه؛ فاحتفظ ببياناته، وهي ما يعرضه هذا الحاسوب الآن. ينتظر التعارض قرار المشرف. أزل التعديل من هذه القائمة بعد قراءته.</translation>
    </message>
    <message>
        <source>Remove from the list</source>
        <translation>إزالة من القائمة</translation>
    </message>
    <message>
        <source>never</source>
        <translation>لم تتم بعد</translation>
    </message>
    <message numerus="yes">
        <source>%n changes</source>
        <translation>
            <numerusform>لا تعديلات</numerusform>
            <numerusform>تعديل واحد</numerusform>
            <numerusform>تعديلان</numerusform>
            <numerusform>⁨%n⁩ تعديلات</numerusform>
            <numerusform>⁨%n⁩ تعديلًا</numerusform>
            <numerusform>⁨%n⁩ تعديل</numerusform>
        </translation>
    </message>
    <message>
        <source>The last sync failed: {reason}</source>
        <translation>فشلت آخر مزامنة: ⁨{reason}⁩</translation>
    </message>
    <message>
        <source>The sync status could not be read again: {reason}</source>
        <translation>تعذّرت قراءة حالة المزامنة من جديد: {reason}</translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation>جارٍ الاتصال بالخادم…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Sending this laptop&apos;s changes: {done} of {total}</source>
        <translation>جارٍ إرسال تعديلات هذا الحاسوب: ⁨{done}⁩ من ⁨{total}⁩</translation>
    </message>
    <message>
        <source>Sending photos and scans: {done} of {total}</source>
        <translation>جارٍ إرسال الصور والمسوح: {done} من {total}</translation>
    </message>
    <message>
        <source>Receiving photos and scans: {done} of {total}</source>
        <translation>جارٍ استلام الصور والمسوح: {done} من {total}</translation>
    </message>
    <message>
        <source>Receiving the server&apos;s changes: {done}</source>
        <translation>جارٍ استلام تعديلات الخادم: ⁨{done}⁩</translation>
    </message>
    <message>
        <source>Sync cancelled after sending {pushed} and receiving {pulled}; the rest goes at the next sync.</source>
        <translation>أُلغيت المزامنة بعد إرسال {pushed} واستلام {pulled}؛ يُرسَل الباقي في المزامنة التالية.</translation>
    </message>
    <message>
        <source>Sent {pushed} ({applied}, {conflicts}, {refused}); received {pulled}.</source>
        <translation>المُرسَل: {pushed} ({applied}، {conflicts}، {refused})؛ المُستلَم: {pulled}.</translation>
    </message>
    <message numerus="yes">
        <source>%n applied</source>
        <translation>
            <numerusform>لم يُطبَّق أي تعديل</numerusform>
            <numerusform>طُبّق تعديل واحد</numerusform>
            <numerusform>طُبّق تعديلان</numerusform>
            <numerusform>طُبّقت ⁨%n⁩ تعديلات</numerusform>
            <numerusform>طُبّق ⁨%n⁩ تعديلًا</numerusform>
            <numerusform>طُبّق ⁨%n⁩ تعديل</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in conflict</source>
        <translation>
            <numerusform>لا تعديلات في تعارض</numerusform>
            <numerusform>تعديل واحد في تعارض</numerusform>
            <numerusform>تعديلان في تعارض</numerusform>
            <numerusform>⁨%n⁩ تعديلات في تعارض</numerusform>
            <numerusform>⁨%n⁩ تعديلًا في تعارض</numerusform>
            <numerusform>⁨%n⁩ تعديل في تعارض</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused</source>
        <translation>
            <numerusform>لم يُرفض أي تعديل</numerusform>
            <numerusform>رُفض تعديل واحد</numerusform>
            <numerusform>رُفض تعديلان</numerusform>
            <numerusform>رُفضت ⁨%n⁩ تعديلات</numerusform>
            <numerusform>رُفض ⁨%n⁩ تعديلًا</numerusform>
            <numerusform>رُفض ⁨%n⁩ تعديل</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server did not take %n payment batches built on this laptop:</source>
        <translation>
            <numerusform>لم يقبل الخادم أي دفعة مدفوعات أُعدّت على هذا الحاسوب:</numerusform>
            <numerusform>لم يقبل الخادم دفعة المدفوعات التي أُعدّت على هذا الحاسوب:</numerusform>
            <numerusform>لم يقبل الخادم دفعتَي المدفوعات اللتين أُعدّتا على هذا الحاسوب:</numerusform>
            <numerusform>لم يقبل الخادم %n دفعات مدفوعات أُعدّت على هذا الحاسوب:</numerusform>
            <numerusform>لم يقبل الخادم %n دفعة مدفوعات أُعدّت على هذا الحاسوب:</numerusform>
            <numerusform>لم يقبل الخادم %n دفعة مدفوعات أُعدّت على هذا الحاسوب:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n records of this office now name a record of another office, which this laptop never receives; it no longer shows them:</source>
        <translation>
            <numerusform>لم يعد أي سجل من سجلات هذا المكتب يشير إلى سجل لمكتب آخر:</numerusform>
            <numerusform>سجل واحد من سجلات هذا المكتب صار يشير إلى سجل لمكتب آخر لا يصل إلى هذا الحاسوب أبدًا، فلم يعد الحاسوب يعرضه:</numerusform>
            <numerusform>سجلان من سجلات هذا المكتب صارا يشيران إلى سجلات لمكتب آخر لا تصل إلى هذا الحاسوب أبدًا، فلم يعد الحاسوب يعرضهما:</numerusform>
            <numerusform>%n سجلات من سجلات هذا المكتب صارت تشير إلى سجلات لمكتب آخر لا تصل إلى هذا الحاسوب أبدًا، فلم يعد الحاسوب يعرضها:</numerusform>
            <numerusform>%n سجلًا من سجلات هذا المكتب صارت تشير إلى سجلات لمكتب آخر لا تصل إلى هذا الحاسوب أبدًا، فلم يعد الحاسوب يعرضها:</numerusform>
            <numerusform>%n سجل من سجلات هذا المكتب صارت تشير إلى سجلات لمكتب آخر لا تصل إلى هذا الحاسوب أبدًا، فلم يعد الحاسوب يعرضها:</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync failed</source>
        <translation>فشلت المزامنة</translation>
    </message>
</context>
<context>
    <name>TimesheetInbox</name>
    <message>
        <source>Days logged against a warning (work permit, household, site):</source>
        <translation>أيام سُجّلت رغم تحذير (تصريح العمل، الأسرة، الموقع):</translation>
    </message>
    <message>
        <source>No day was logged against a warning.</source>
        <translation>لم يُسجَّل أي يوم رغم تحذير.</translation>
    </message>
</context>
<context>
    <name>TimesheetsModel</name>
    <message>
        <source>Timesheet</source>
        <translation>كشف الدوام</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>الأسرة</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>الفترة</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>الأيام</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>العمال</translation>
    </message>
    <message>
        <source>Submitted by</source>
        <translation>أرسله</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>قرّره</translation>
    </message>
    <message>
        <source>Payment batch</source>
        <translation>دفعة المدفوعات</translation>
    </message>
</context>
<context>
    <name>TimesheetsTab</name>
    <message>
        <source>Search by timesheet or site reference, or household name</source>
        <translation>ابحث برقم كشف الدوام أو الموقع، أو باسم الأسرة</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>جميع الحالات</translation>
    </message>
    <message>
        <source>No timesheet matches &apos;{text}&apos;.</source>
        <translation>لا يوجد كشف دوام يطابق «{text}».</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>إرسال</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>موافقة</translation>
    </message>
    <message>
        <source>Return…</source>
        <translation>إعادة…</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>إعادة فتح…</translation>
    </message>
    <message>
        <source>Ask to reopen…</source>
        <translation>طلب إعادة الفتح…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>طباعة…</translation>
    </message>
    <message>
        <source>No timesheet has the status &apos;{status}&apos;.</source>
        <translation>لا يوجد كشف دوام حالته «{status}».</translation>
    </message>
    <message>
        <source>No timesheet with the status &apos;{status}&apos; matches &apos;{text}&apos;.</source>
        <translation>لا يوجد كشف دوام حالته «{status}» يطابق «{text}».</translation>
    </message>
    <message>
        <source>{ref} is submitted for approval.</source>
        <translation>أُرسل ⁨{ref}⁩ للموافقة.</translation>
    </message>
    <message>
        <source>{ref} is approved and locked.</source>
        <translation>اعتُمد ⁨{ref}⁩ وقُفل.</translation>
    </message>
    <message>
        <source>Return the timesheet</source>
        <translation>إعادة كشف الدوام</translation>
    </message>
    <message>
        <source>What should the engineer correct?</source>
        <translation>ما الذي يجب أن يصحّحه المهندس؟</translation>
    </message>
    <message>
        <source>{ref} is returned to the engineer.</source>
        <translation>أُعيد ⁨{ref}⁩ إلى المهندس.</translation>
    </message>
    <message>
        <source>Reopen an approved timesheet</source>
        <translation>إعادة فتح كشف دوام معتمد</translation>
    </message>
    <message>
        <source>Why must it change? The reason goes into the audit trail.</source>
        <translation>لماذا يجب تغييره؟ يُسجَّل السبب في سجل التدقيق.</translation>
    </message>
    <message>
        <source>{ref} is reopened ({status}) for correction.</source>
        <translation>أُعيد فتح ⁨{ref}⁩ (⁨{status}⁩) للتصحيح.</translation>
    </message>
    <message>
        <source>Printing {ref}…</source>
        <translation>جارٍ طباعة ⁨{ref}⁩…</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Sign in</source>
        <translation>تسجيل الدخول</translation>
    </message>
    <message>
        <source>This computer&apos;s data is encrypted: sign in to open it.</source>
        <translation>بيانات هذا الحاسوب مشفّرة: سجّل الدخول لفتحها.</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>اسم المستخدم</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>كلمة المرور</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>مفتاح الاسترداد</translation>
    </message>
    <message>
        <source>Use the recovery key…</source>
        <translation>استخدام مفتاح الاسترداد…</translation>
    </message>
</context>
<context>
    <name>UserTableModel</name>
    <message>
        <source>Active</source>
        <translation>نشط</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>معطّل</translation>
    </message>
    <message>
        <source>Locked after failed sign-ins</source>
        <translation>مقفل بسبب محاولات دخول فاشلة</translation>
    </message>
    <message>
        <source>Must change password</source>
        <translation>يجب تغيير كلمة المرور</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>اسم المستخدم</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>الاسم الكامل</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>الدور</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>المكتب</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>Engineer</source>
        <translation>مهندس</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>مشرف</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>مدير النظام</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(لا يوجد)</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>المستخدمون</translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation>إضافة مستخدم…</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>إعادة تعيين كلمة المرور…</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>إلغاء القفل</translation>
    </message>
    <message>
        <source>End a lock-out after too many failed sign-ins</source>
        <translation>رفع القفل الناتج عن محاولات دخول فاشلة كثيرة</translation>
    </message>
    <message>
        <source>Deactivate…</source>
        <translation>تعطيل…</translation>
    </message>
    <message>
        <source>The user can no longer sign in; their records stay</source>
        <translation>لن يتمكن المستخدم من تسجيل الدخول بعد الآن، وتبقى سجلاته</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>إعادة التفعيل</translation>
    </message>
    <message>
        <source>Change role or office…</source>
        <translation>تغيير الدور أو المكتب…</translation>
    </message>
    <message>
        <source>{name} is added; tell them their temporary password in person.</source>
        <translation>تمت إضافة ⁨{name}⁩؛ أخبره بكلمة المرور المؤقتة شخصيًا.</translation>
    </message>
    <message>
        <source>{name} has a temporary password now.</source>
        <translation>لدى ⁨{name}⁩ الآن كلمة مرور مؤقتة.</translation>
    </message>
    <message>
        <source>{name}&apos;s role and office are saved.</source>
        <translation>تم حفظ دور ⁨{name}⁩ ومكتبه.</translation>
    </message>
    <message>
        <source>{name} can sign in again.</source>
        <translation>يمكن لـ ⁨{name}⁩ تسجيل الدخول مجددًا.</translation>
    </message>
    <message>
        <source>{name} can sign in again with the password they had.</source>
        <translation>يمكن لـ ⁨{name}⁩ تسجيل الدخول مجددًا بكلمة المرور التي كانت لديه.</translation>
    </message>
    <message>
        <source>Deactivate {name}?</source>
        <translation>تعطيل ⁨{name}⁩؟</translation>
    </message>
    <message>
        <source>{full_name} will no longer be able to sign in. Their cases, records and audit trail stay; you can reactivate the account later.</source>
        <translation>لن يتمكن ⁨{full_name}⁩ من تسجيل الدخول بعد الآن. تبقى حالاته وسجلاته وسجل التدقيق، ويمكنك إعادة تفعيل الحساب لاحقًا.</translation>
    </message>
    <message>
        <source>{name} is deactivated.</source>
        <translation>تم تعطيل ⁨{name}⁩.</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>لم يتم التنفيذ</translation>
    </message>
</context>
<context>
    <name>ValuesStep</name>
    <message>
        <source>Choose what each value of the file becomes in the app. Values are suggested by name; check them, and choose one where none is suggested.</source>
        <translation>اختر ما تصبح عليه كل قيمة من الملف في التطبيق. تُقترح القيم حسب أسمائها؛ تحقق منها واختر قيمة حيث لا يوجد اقتراح.</translation>
    </message>
    <message>
        <source>The form&apos;s 1 is the worst state</source>
        <translation>الرقم 1 في النموذج هو أسوأ حالة</translation>
    </message>
    <message>
        <source>The form&apos;s 1 is the best state</source>
        <translation>الرقم 1 في النموذج هو أفضل حالة</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>الحقل</translation>
    </message>
    <message>
        <source>Value in the file</source>
        <translation>القيمة في الملف</translation>
    </message>
    <message>
        <source>Value in the app</source>
        <translation>القيمة في التطبيق</translation>
    </message>
    <message>
        <source>— no value: refused —</source>
        <translation>— بلا قيمة: يُرفض —</translation>
    </message>
    <message>
        <source>— as written —</source>
        <translation>— كما هي مكتوبة —</translation>
    </message>
    <message>
        <source>{fields}: the form&apos;s scale is written in numbers, which do not say whether 1 is the best or the worst state. Say which, as the form&apos;s labels do:</source>
        <translation>⁨{fields}⁩: مقياس النموذج مكتوب بالأرقام، والأرقام لا تقول هل 1 هو أفضل حالة أم أسوأها. حدِّد ذلك كما تفعل تسميات النموذج:</translation>
    </message>
    <message numerus="yes">
        <source>%n values have no value in the app: rows with them will be refused.</source>
        <translation>
            <numerusform>لا قيم بلا مقابل في التطبيق.</numerusform>
            <numerusform>قيمة واحدة ليس لها مقابل في التطبيق: ستُرفض الصفوف التي تحتويها.</numerusform>
            <numerusform>قيمتان ليس لهما مقابل في التطبيق: ستُرفض الصفوف التي تحتويهما.</numerusform>
            <numerusform>⁨%n⁩ قيم ليس لها مقابل في التطبيق: ستُرفض الصفوف التي تحتويها.</numerusform>
            <numerusform>⁨%n⁩ قيمةً ليس لها مقابل في التطبيق: ستُرفض الصفوف التي تحتويها.</numerusform>
            <numerusform>⁨%n⁩ قيمة ليس لها مقابل في التطبيق: ستُرفض الصفوف التي تحتويها.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <source>Monitoring visit, agreement {number}</source>
        <translation>زيارة متابعة، الاتفاقية ⁨{number}⁩</translation>
    </message>
    <message>
        <source>Visited on</source>
        <translation>تاريخ الزيارة</translation>
    </message>
    <message>
        <source>The household still lives in the dwelling</source>
        <translation>لا تزال الأسرة تسكن في المسكن</translation>
    </message>
    <message>
        <source>empty: not known</source>
        <translation>فارغ: غير معروف</translation>
    </message>
    <message>
        <source>Rent paid last month (TL)</source>
        <translation>الإيجار المدفوع الشهر الماضي (TL)</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>ملاحظات</translation>
    </message>
</context>
<context>
    <name>VisitsModel</name>
    <message>
        <source>Yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <source>NO</source>
        <translation>لا</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>الموعد المستحق</translation>
    </message>
    <message>
        <source>Visited</source>
        <translation>تمت الزيارة</translation>
    </message>
    <message>
        <source>Rent paid</source>
        <translation>الإيجار المدفوع</translation>
    </message>
    <message>
        <source>Household there</source>
        <translation>الأسرة موجودة</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>ملاحظات</translation>
    </message>
</context>
<context>
    <name>WeekGridModel</name>
    <message>
        <source>Full</source>
        <translation>كامل</translation>
    </message>
    <message>
        <source>Half</source>
        <translation>نصف</translation>
    </message>
    <message>
        <source>Task: {task}</source>
        <translation>المهمة: ⁨{task}⁩</translation>
    </message>
    <message>
        <source>Logged by {name}</source>
        <translation>سجّله ⁨{name}⁩</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>السبب: ⁨{reason}⁩</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>الأيام</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>الإثنين</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>الثلاثاء</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>الأربعاء</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>الخميس</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>الجمعة</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>السبت</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>الأحد</translation>
    </message>
</context>
<context>
    <name>WorkerDialog</name>
    <message>
        <source>Register a worker</source>
        <translation>تسجيل عامل</translation>
    </message>
    <message>
        <source>TCKN or YKN, 11 digits</source>
        <translation>TCKN أو YKN، من 11 رقمًا</translation>
    </message>
    <message>
        <source>Under temporary protection only</source>
        <translation>للخاضعين للحماية المؤقتة فقط</translation>
    </message>
    <message>
        <source>Comma separated, e.g. painting, plastering</source>
        <translation>مفصولة بفواصل، مثل الدهان، اللياسة</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>الأسرة</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>فرد الأسرة</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>الاسم الكامل</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>رقم الهوية</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>تاريخ الميلاد</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>الدفع</translation>
    </message>
    <message>
        <source>IBAN</source>
        <translation>IBAN</translation>
    </message>
    <message>
        <source>Work permit number</source>
        <translation>رقم إذن العمل</translation>
    </message>
    <message>
        <source>Work permit expiry</source>
        <translation>انتهاء إذن العمل</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>المهارات</translation>
    </message>
    <message>
        <source>(not in the register: type below)</source>
        <translation>(غير مسجل: اكتب البيانات أدناه)</translation>
    </message>
    <message>
        <source>{name}, {age}, {relation}</source>
        <translation>{name}، {age}، {relation}</translation>
    </message>
</context>
<context>
    <name>ZoomView</name>
    <message>
        <source>Zoom in</source>
        <translation>تكبير</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>تصغير</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>ملاءمة</translation>
    </message>
    <message>
        <source>Fit the photo in the window</source>
        <translation>ملاءمة الصورة للنافذة</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>الحجم الفعلي</translation>
    </message>
</context>
<context>
    <name>agreements</name>
    <message>
        <source>The signed scan of {number} is missing from {folder}; record the signature again from the paper copy.</source>
        <translation>النسخة الممسوحة الموقَّعة من ⁨{number}⁩ مفقودة من ⁦{folder}⁩؛ سجّل التوقيع مجددًا من النسخة الورقية.</translation>
    </message>
    <message>
        <source>No agreement {number} exists; check the number (e.g. GAZ-2026-0042).</source>
        <translation>لا توجد اتفاقية ⁨{number}⁩؛ تحقّق من الرقم (مثل GAZ-2026-0042).</translation>
    </message>
    <message>
        <source>its newest, {ref}, is not approved</source>
        <translation>وأحدثها ⁨{ref}⁩ غير معتمَد</translation>
    </message>
    <message>
        <source>it has none</source>
        <translation>ولا يوجد له أي جدول</translation>
    </message>
    <message>
        <source>An agreement needs an approved bill of quantities for {dwelling}, and {found}. A supervisor must approve the BoQ first.</source>
        <translation>تحتاج الاتفاقية إلى جدول كميات معتمد للمسكن ⁨{dwelling}⁩، ⁨{found}⁩. يجب أن يعتمد المشرف جدول الكميات أولًا.</translation>
    </message>
    <message>
        <source>Choose the landlord, or register them first.</source>
        <translation>اختر المؤجر، أو سجّله أولًا.</translation>
    </message>
    <message>
        <source>ID or tax number</source>
        <translation>رقم الهوية أو الرقم الضريبي</translation>
    </message>
    <message>
        <source>address</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Landlord {ref} has no {missing} on record; the contract prints it, so complete the landlord first.</source>
        <translation>لا يوجد للمؤجر ⁨{ref}⁩ ⁨{missing}⁩ مسجَّل؛ يُطبع ذلك في العقد، فأكمل بيانات المؤجر أولًا.</translation>
    </message>
    <message>
        <source> and </source>
        <translation> و</translation>
    </message>
    <message>
        <source>{ref} has no household; link the tenant household first.</source>
        <translation>لا توجد أسرة للمسكن ⁨{ref}⁩؛ اربط الأسرة المستأجرة أولًا.</translation>
    </message>
    <message>
        <source>fixtures</source>
        <translation>التجهيزات الثابتة</translation>
    </message>
    <message>
        <source>utilities</source>
        <translation>المرافق (الماء والكهرباء والغاز)</translation>
    </message>
    <message>
        <source>title deed block (ada)</source>
        <translation>رقم الجزيرة في سند الملكية (ada)</translation>
    </message>
    <message>
        <source>title deed parcel (parsel)</source>
        <translation>رقم القطعة في سند الملكية (parsel)</translation>
    </message>
    <message>
        <source>competent court</source>
        <translation>المحكمة المختصة</translation>
    </message>
    <message>
        <source>{dwelling} already has agreement {number} ({status}); open it, or renew it when its term ends.</source>
        <translation>للمسكن ⁨{dwelling}⁩ اتفاقية ⁨{number}⁩ بالفعل (⁨{status}⁩)؛ افتحها، أو جدّدها عند انتهاء مدتها.</translation>
    </message>
    <message>
        <source>Only an active or ended agreement is renewed; {number} is {status}.</source>
        <translation>لا تُجدَّد إلا اتفاقية سارية أو منتهية؛ وحالة ⁨{number}⁩ هي ⁨{status}⁩.</translation>
    </message>
    <message>
        <source>{number} is already renewed by {renewal}; open that one.</source>
        <translation>جُدّدت ⁨{number}⁩ بالفعل بالاتفاقية ⁨{renewal}⁩؛ افتحها.</translation>
    </message>
    <message>
        <source>A renewal starts after {number} ends on {end}; start it on {next} or later.</source>
        <translation>يبدأ التجديد بعد انتهاء ⁨{number}⁩ في ⁨{end}⁩؛ ابدأه في ⁨{next}⁩ أو بعده.</translation>
    </message>
    <message>
        <source>{number} is {status}: its terms are those the parties signed and cannot change. Renew it for new terms.</source>
        <translation>حالة ⁨{number}⁩ هي ⁨{status}⁩: شروطها هي التي وقّعها الطرفان ولا يمكن تغييرها. جدّدها لشروط جديدة.</translation>
    </message>
    <message>
        <source>{name} is {size} MB; a scan may have at most {most} MB. Scan at a lower resolution.</source>
        <translation>حجم ⁨{name}⁩ هو ⁨{size}⁩ ميغابايت؛ والحد الأقصى للمسح ⁨{most}⁩ ميغابايت. امسح بدقة أقل.</translation>
    </message>
    <message>
        <source>Cannot read {path}: {error}</source>
        <translation>تتعذّر قراءة ⁦{path}⁩: ⁨{error}⁩</translation>
    </message>
    <message>
        <source>{name} is not a complete PDF, JPEG or PNG file; scan or photograph the signed agreement to one of these.</source>
        <translation>⁨{name}⁩ ليس ملف PDF أو JPEG أو PNG كاملًا؛ امسح الاتفاقية الموقَّعة أو صوّرها بإحدى هذه الصيغ.</translation>
    </message>
    <message>
        <source>Choose the scan of the signed agreement.</source>
        <translation>اختر المسح الضوئي للاتفاقية الموقَّعة.</translation>
    </message>
    <message>
        <source>signing date</source>
        <translation>تاريخ التوقيع</translation>
    </message>
    <message>
        <source>Renewed by {number}.</source>
        <translation>جُدّدت بالاتفاقية ⁨{number}⁩.</translation>
    </message>
    <message>
        <source>Choose ended, terminated or breached.</source>
        <translation>اختر: منتهية أو مفسوخة أو مُخالَفة.</translation>
    </message>
    <message>
        <source>{number} runs until {end}; an agreement that stops early is terminated, with the reason.</source>
        <translation>تسري ⁨{number}⁩ حتى ⁨{end}⁩؛ والاتفاقية التي تتوقف مبكرًا تُفسخ مع ذكر السبب.</translation>
    </message>
    <message>
        <source>Say why the agreement is {status}; the reason is kept with it.</source>
        <translation>اذكر سبب كون الاتفاقية ⁨{status}⁩؛ يُحفظ السبب معها.</translation>
    </message>
    <message>
        <source>Cannot write {path}: {error}</source>
        <translation>تتعذّر الكتابة في ⁦{path}⁩: ⁨{error}⁩</translation>
    </message>
    <message>
        <source>The printing process stopped unexpectedly; print it again.</source>
        <translation>توقفت عملية الطباعة على نحو غير متوقع؛ اطبعه مرة أخرى.</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>The database is damaged</source>
        <translation>قاعدة البيانات تالفة</translation>
    </message>
    <message>
        <source>{message}

Restore the latest backup ({backup})? The damaged file is kept aside, not deleted.</source>
        <translation>⁨{message}⁩

هل تريد استعادة أحدث نسخة احتياطية (⁦{backup}⁩)؟ يُحفظ الملف التالف جانبًا ولا يُحذف.</translation>
    </message>
    <message>
        <source>Restore failed</source>
        <translation>فشلت الاستعادة</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>تمت استعادة النسخة الاحتياطية</translation>
    </message>
    <message>
        <source>The damaged file was kept as {path}.</source>
        <translation>حُفظ الملف التالف باسم ⁦{path}⁩.</translation>
    </message>
    <message>
        <source>Not encrypted</source>
        <translation>لم تُشفَّر</translation>
    </message>
    <message>
        <source>{reason}

The data stays as it was, not encrypted; encrypting is tried again at the next start.</source>
        <translation>{reason}

تبقى البيانات كما هي دون تشفير؛ سيُعاد محاولة التشفير عند التشغيل القادم.</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>يتعذّر فتح قاعدة البيانات</translation>
    </message>
</context>
<context>
    <name>assessment</name>
    <message>
        <source>Walls and insulation</source>
        <translation>الجدران والعزل</translation>
    </message>
    <message>
        <source>Roof</source>
        <translation>السقف</translation>
    </message>
    <message>
        <source>Windows</source>
        <translation>النوافذ</translation>
    </message>
    <message>
        <source>Doors</source>
        <translation>الأبواب</translation>
    </message>
    <message>
        <source>Damp and mould</source>
        <translation>الرطوبة والعفن</translation>
    </message>
    <message>
        <source>Water and sanitation</source>
        <translation>المياه والصرف الصحي</translation>
    </message>
    <message>
        <source>Electricity</source>
        <translation>الكهرباء</translation>
    </message>
    <message>
        <source>Heating</source>
        <translation>التدفئة</translation>
    </message>
    <message>
        <source>1 good</source>
        <translation>1 جيدة</translation>
    </message>
    <message>
        <source>2 fair: minor repairs</source>
        <translation>2 مقبولة: إصلاحات بسيطة</translation>
    </message>
    <message>
        <source>3 poor: major repairs</source>
        <translation>3 سيئة: إصلاحات كبيرة</translation>
    </message>
    <message>
        <source>4 failed: unsafe or missing</source>
        <translation>4 تالفة: غير آمنة أو مفقودة</translation>
    </message>
    <message>
        <source>{component}: give a condition from 1 to 4 for the notes, or clear the notes.</source>
        <translation>⁨{component}⁩: أعطِ حالة من 1 إلى 4 للملاحظات، أو امسح الملاحظات.</translation>
    </message>
    <message>
        <source>{component}: the condition is 1, 2, 3 or 4, not {score}.</source>
        <translation>⁨{component}⁩: الحالة هي 1 أو 2 أو 3 أو 4، وليست ⁨{score}⁩.</translation>
    </message>
    <message numerus="yes">
        <source>{component}: shorten the notes to %n characters.</source>
        <translation>
            <numerusform>⁨{component}⁩: اختصر الملاحظات إلى لا أحرف.</numerusform>
            <numerusform>⁨{component}⁩: اختصر الملاحظات إلى حرف واحد.</numerusform>
            <numerusform>⁨{component}⁩: اختصر الملاحظات إلى حرفين.</numerusform>
            <numerusform>⁨{component}⁩: اختصر الملاحظات إلى ⁨%n⁩ أحرف.</numerusform>
            <numerusform>⁨{component}⁩: اختصر الملاحظات إلى ⁨%n⁩ حرفًا.</numerusform>
            <numerusform>⁨{component}⁩: اختصر الملاحظات إلى ⁨%n⁩ حرف.</numerusform>
        </translation>
    </message>
    <message>
        <source>Rate the condition of at least one component from 1 to 4.</source>
        <translation>قيّم حالة عنصر واحد على الأقل من 1 إلى 4.</translation>
    </message>
    <message>
        <source>Enter the number of people living in the dwelling, from 1 to {most}.</source>
        <translation>أدخل عدد الأشخاص المقيمين في المسكن، من 1 إلى ⁨{most}⁩.</translation>
    </message>
    <message>
        <source>The setting {key} must be a number of 0 or more (and the weights not all 0); ask an administrator to correct it.</source>
        <translation>يجب أن يكون الإعداد ⁨{key}⁩ رقمًا يساوي 0 أو أكثر (وألا تكون جميع الأوزان 0)؛ اطلب من مدير النظام تصحيحه.</translation>
    </message>
</context>
<context>
    <name>assessments</name>
    <message>
        <source>assessment date</source>
        <translation>تاريخ التقييم</translation>
    </message>
    <message>
        <source>Decide whether the dwelling is eligible.</source>
        <translation>قرّر ما إذا كان المسكن مؤهَّلًا.</translation>
    </message>
    <message>
        <source>reason for the decision</source>
        <translation>سبب القرار</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>الملاحظات</translation>
    </message>
    <message>
        <source>The works of {ref} are closed (stage {stage}); record monitoring visits instead of assessments.</source>
        <translation>أعمال ⁨{ref}⁩ مغلقة (المرحلة ⁨{stage}⁩)؛ سجّل زيارات متابعة بدلًا من التقييمات.</translation>
    </message>
    <message>
        <source>A final assessment closes the works, but the works of {ref} have not started (stage {stage}); record an ordinary assessment.</source>
        <translation>التقييم النهائي يُغلق الأعمال، لكن أعمال ⁨{ref}⁩ لم تبدأ (المرحلة ⁨{stage}⁩)؛ سجّل تقييمًا عاديًا.</translation>
    </message>
</context>
<context>
    <name>audit</name>
    <message>
        <source>created</source>
        <translation>أُنشئ</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>عُدّل</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>حُذف</translation>
    </message>
    <message>
        <source>agreement</source>
        <translation>اتفاقية</translation>
    </message>
    <message>
        <source>monitoring visit</source>
        <translation>زيارة متابعة</translation>
    </message>
    <message>
        <source>office</source>
        <translation>مكتب</translation>
    </message>
    <message>
        <source>user</source>
        <translation>مستخدم</translation>
    </message>
    <message>
        <source>setting</source>
        <translation>إعداد</translation>
    </message>
    <message>
        <source>payment batch</source>
        <translation>دفعة مدفوعات</translation>
    </message>
    <message>
        <source>timesheet</source>
        <translation>كشف دوام</translation>
    </message>
    <message>
        <source>labour day</source>
        <translation>يوم عمل</translation>
    </message>
    <message>
        <source>dwelling</source>
        <translation>مسكن</translation>
    </message>
    <message>
        <source>assessment</source>
        <translation>تقييم</translation>
    </message>
    <message>
        <source>photo</source>
        <translation>صورة</translation>
    </message>
    <message>
        <source>price catalogue</source>
        <translation>قائمة أسعار</translation>
    </message>
    <message>
        <source>catalogue item</source>
        <translation>بند في القائمة</translation>
    </message>
    <message>
        <source>bill of quantities</source>
        <translation>جدول كميات</translation>
    </message>
    <message>
        <source>BoQ line</source>
        <translation>سطر جدول الكميات</translation>
    </message>
    <message>
        <source>household</source>
        <translation>أسرة</translation>
    </message>
    <message>
        <source>landlord</source>
        <translation>مؤجر</translation>
    </message>
    <message>
        <source>worker</source>
        <translation>عامل</translation>
    </message>
    <message>
        <source>erasure</source>
        <translation>محو</translation>
    </message>
    <message>
        <source>household member</source>
        <translation>فرد من الأسرة</translation>
    </message>
    <message>
        <source>reopen request</source>
        <translation>طلب إعادة فتح</translation>
    </message>
    <message>
        <source>works check</source>
        <translation>فحص الأعمال</translation>
    </message>
    <message>
        <source>sync conflict</source>
        <translation>تعارض مزامنة</translation>
    </message>
    <message>
        <source>name (Latin letters)</source>
        <translation>الاسم (بالأحرف اللاتينية)</translation>
    </message>
    <message>
        <source>name (Arabic letters)</source>
        <translation>الاسم (بالأحرف العربية)</translation>
    </message>
    <message>
        <source>sex</source>
        <translation>الجنس</translation>
    </message>
    <message>
        <source>date of birth estimated</source>
        <translation>تاريخ الميلاد تقديري</translation>
    </message>
    <message>
        <source>relation to the head</source>
        <translation>صلة القرابة برب الأسرة</translation>
    </message>
    <message>
        <source>head of household</source>
        <translation>رب الأسرة</translation>
    </message>
    <message>
        <source>ID number of the head</source>
        <translation>رقم هوية رب الأسرة</translation>
    </message>
    <message>
        <source>nationality</source>
        <translation>الجنسية</translation>
    </message>
    <message>
        <source>protection status</source>
        <translation>وضع الحماية</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>الهاتف</translation>
    </message>
    <message>
        <source>members</source>
        <translation>أفراد الأسرة</translation>
    </message>
    <message>
        <source>vulnerabilities</source>
        <translation>أوجه الضعف</translation>
    </message>
    <message>
        <source>consent (KVKK)</source>
        <translation>الموافقة (KVKK)</translation>
    </message>
    <message>
        <source>name for searching</source>
        <translation>الاسم المستخدم في البحث</translation>
    </message>
    <message>
        <source>name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>full name</source>
        <translation>الاسم الكامل</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>رقم الهوية</translation>
    </message>
    <message>
        <source>tax number</source>
        <translation>الرقم الضريبي</translation>
    </message>
    <message>
        <source>IBAN</source>
        <translation>IBAN</translation>
    </message>
    <message>
        <source>address</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>date of birth</source>
        <translation>تاريخ الميلاد</translation>
    </message>
    <message>
        <source>work permit number</source>
        <translation>رقم إذن العمل</translation>
    </message>
    <message>
        <source>work permit expiry</source>
        <translation>انتهاء إذن العمل</translation>
    </message>
    <message>
        <source>payment method</source>
        <translation>طريقة الدفع</translation>
    </message>
    <message>
        <source>skills</source>
        <translation>المهارات</translation>
    </message>
    <message>
        <source>other details</source>
        <translation>تفاصيل أخرى</translation>
    </message>
    <message>
        <source>reference</source>
        <translation>الرقم المرجعي</translation>
    </message>
    <message>
        <source>province</source>
        <translation>الولاية</translation>
    </message>
    <message>
        <source>district</source>
        <translation>المنطقة</translation>
    </message>
    <message>
        <source>neighbourhood</source>
        <translation>الحي</translation>
    </message>
    <message>
        <source>street</source>
        <translation>الشارع</translation>
    </message>
    <message>
        <source>building no.</source>
        <translation>رقم المبنى</translation>
    </message>
    <message>
        <source>flat no.</source>
        <translation>رقم الشقة</translation>
    </message>
    <message>
        <source>GPS latitude</source>
        <translation>خط العرض (GPS)</translation>
    </message>
    <message>
        <source>GPS longitude</source>
        <translation>خط الطول (GPS)</translation>
    </message>
    <message>
        <source>dwelling type</source>
        <translation>نوع المسكن</translation>
    </message>
    <message>
        <source>floor area (m²)</source>
        <translation>مساحة الأرضية (m²)</translation>
    </message>
    <message>
        <source>rooms</source>
        <translation>عدد الغرف</translation>
    </message>
    <message>
        <source>stage</source>
        <translation>المرحلة</translation>
    </message>
    <message>
        <source>assessment date</source>
        <translation>تاريخ التقييم</translation>
    </message>
    <message>
        <source>assessor</source>
        <translation>المُقيِّم</translation>
    </message>
    <message>
        <source>conditions</source>
        <translation>حالة المكونات</translation>
    </message>
    <message>
        <source>rooms and openings</source>
        <translation>الغرف والفتحات</translation>
    </message>
    <message>
        <source>people living there</source>
        <translation>عدد المقيمين</translation>
    </message>
    <message>
        <source>priority score</source>
        <translation>درجة الأولوية</translation>
    </message>
    <message>
        <source>eligible</source>
        <translation>مؤهل</translation>
    </message>
    <message>
        <source>reason for the decision</source>
        <translation>سبب القرار</translation>
    </message>
    <message>
        <source>final assessment</source>
        <translation>التقييم النهائي</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>ملاحظات</translation>
    </message>
    <message>
        <source>taken at</source>
        <translation>وقت الالتقاط</translation>
    </message>
    <message>
        <source>tag</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <source>caption</source>
        <translation>التعليق</translation>
    </message>
    <message>
        <source>component</source>
        <translation>المكوّن</translation>
    </message>
    <message>
        <source>file name</source>
        <translation>اسم الملف</translation>
    </message>
    <message>
        <source>file fingerprint (SHA-256)</source>
        <translation>بصمة الملف (SHA-256)</translation>
    </message>
    <message>
        <source>file size (bytes)</source>
        <translation>حجم الملف (بايت)</translation>
    </message>
    <message>
        <source>width (px)</source>
        <translation>العرض (بكسل)</translation>
    </message>
    <message>
        <source>height (px)</source>
        <translation>الارتفاع (بكسل)</translation>
    </message>
    <message>
        <source>agreement number</source>
        <translation>رقم الاتفاقية</translation>
    </message>
    <message>
        <source>status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>term (months)</source>
        <translation>المدة (بالأشهر)</translation>
    </message>
    <message>
        <source>start date</source>
        <translation>تاريخ البدء</translation>
    </message>
    <message>
        <source>end date</source>
        <translation>تاريخ الانتهاء</translation>
    </message>
    <message>
        <source>monthly rent</source>
        <translation>الإيجار الشهري</translation>
    </message>
    <message>
        <source>rent-free months</source>
        <translation>الأشهر المعفاة من الإيجار</translation>
    </message>
    <message>
        <source>deposit</source>
        <translation>التأمين</translation>
    </message>
    <message>
        <source>payment day</source>
        <translation>يوم الدفع</translation>
    </message>
    <message>
        <source>IBAN for the rent</source>
        <translation>رقم IBAN لدفع الإيجار</translation>
    </message>
    <message>
        <source>fixtures</source>
        <translation>التجهيزات الثابتة</translation>
    </message>
    <message>
        <source>utilities</source>
        <translation>المرافق (الماء والكهرباء والغاز)</translation>
    </message>
    <message>
        <source>title deed block</source>
        <translation>رقم الجزيرة في سند الملكية (ada)</translation>
    </message>
    <message>
        <source>title deed parcel</source>
        <translation>رقم القطعة في سند الملكية (parsel)</translation>
    </message>
    <message>
        <source>court</source>
        <translation>المحكمة المختصة</translation>
    </message>
    <message>
        <source>languages</source>
        <translation>اللغات</translation>
    </message>
    <message>
        <source>signed on</source>
        <translation>تاريخ التوقيع</translation>
    </message>
    <message>
        <source>reason for ending</source>
        <translation>سبب الإنهاء</translation>
    </message>
    <message>
        <source>renewal of</source>
        <translation>الاتفاقية المجدَّدة</translation>
    </message>
    <message>
        <source>due on</source>
        <translation>تاريخ الاستحقاق</translation>
    </message>
    <message>
        <source>visited on</source>
        <translation>تاريخ الزيارة</translation>
    </message>
    <message>
        <source>rent paid</source>
        <translation>الإيجار المدفوع</translation>
    </message>
    <message>
        <source>household present</source>
        <translation>الأسرة حاضرة</translation>
    </message>
    <message>
        <source>revision of</source>
        <translation>مراجعة لـ</translation>
    </message>
    <message>
        <source>outcome</source>
        <translation>النتيجة</translation>
    </message>
    <message>
        <source>note</source>
        <translation>ملاحظة</translation>
    </message>
    <message>
        <source>signed scan fingerprint (SHA-256)</source>
        <translation>بصمة النسخة الممسوحة الموقّعة (SHA-256)</translation>
    </message>
    <message>
        <source>valid from</source>
        <translation>ساري اعتبارًا من</translation>
    </message>
    <message>
        <source>published</source>
        <translation>منشورة</translation>
    </message>
    <message>
        <source>code</source>
        <translation>الرمز</translation>
    </message>
    <message>
        <source>category</source>
        <translation>الفئة</translation>
    </message>
    <message>
        <source>description</source>
        <translation>الوصف</translation>
    </message>
    <message>
        <source>description (Turkish)</source>
        <translation>الوصف (بالتركية)</translation>
    </message>
    <message>
        <source>description (English)</source>
        <translation>الوصف (بالإنجليزية)</translation>
    </message>
    <message>
        <source>description (Arabic)</source>
        <translation>الوصف (بالعربية)</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>الوحدة</translation>
    </message>
    <message>
        <source>unit price</source>
        <translation>سعر الوحدة</translation>
    </message>
    <message>
        <source>VAT rate</source>
        <translation>نسبة ضريبة القيمة المضافة</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>مسحوب</translation>
    </message>
    <message>
        <source>revision</source>
        <translation>المراجعة</translation>
    </message>
    <message>
        <source>contingency %</source>
        <translation>احتياطي الطوارئ %</translation>
    </message>
    <message>
        <source>quantity</source>
        <translation>الكمية</translation>
    </message>
    <message>
        <source>line number</source>
        <translation>رقم السطر</translation>
    </message>
    <message>
        <source>submitted at</source>
        <translation>وقت التقديم</translation>
    </message>
    <message>
        <source>submitted by</source>
        <translation>قدّمه</translation>
    </message>
    <message>
        <source>decided at</source>
        <translation>وقت القرار</translation>
    </message>
    <message>
        <source>decided by</source>
        <translation>صاحب القرار</translation>
    </message>
    <message>
        <source>reason for return</source>
        <translation>سبب الإعادة</translation>
    </message>
    <message>
        <source>requested by</source>
        <translation>مقدّم الطلب</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>answer</source>
        <translation>الرد</translation>
    </message>
    <message>
        <source>work date</source>
        <translation>تاريخ العمل</translation>
    </message>
    <message>
        <source>portion of a day</source>
        <translation>جزء اليوم</translation>
    </message>
    <message>
        <source>task</source>
        <translation>المهمة</translation>
    </message>
    <message>
        <source>reason for the exception</source>
        <translation>سبب الاستثناء</translation>
    </message>
    <message>
        <source>period</source>
        <translation>الفترة</translation>
    </message>
    <message>
        <source>period start</source>
        <translation>بداية الفترة</translation>
    </message>
    <message>
        <source>period end</source>
        <translation>نهاية الفترة</translation>
    </message>
    <message>
        <source>total</source>
        <translation>المجموع</translation>
    </message>
    <message>
        <source>paid at</source>
        <translation>وقت الدفع</translation>
    </message>
    <message>
        <source>budget</source>
        <translation>الميزانية</translation>
    </message>
    <message>
        <source>closed on</source>
        <translation>تاريخ الإغلاق</translation>
    </message>
    <message>
        <source>records</source>
        <translation>السجلات</translation>
    </message>
    <message>
        <source>files</source>
        <translation>الملفات</translation>
    </message>
    <message>
        <source>reason (code)</source>
        <translation>السبب (رمز)</translation>
    </message>
    <message>
        <source>user name</source>
        <translation>اسم المستخدم</translation>
    </message>
    <message>
        <source>role</source>
        <translation>الدور</translation>
    </message>
    <message>
        <source>password</source>
        <translation>كلمة المرور</translation>
    </message>
    <message>
        <source>must change password</source>
        <translation>يجب تغيير كلمة المرور</translation>
    </message>
    <message>
        <source>failed sign-ins</source>
        <translation>محاولات الدخول الفاشلة</translation>
    </message>
    <message>
        <source>locked until</source>
        <translation>مقفل حتى</translation>
    </message>
    <message>
        <source>interface language</source>
        <translation>لغة الواجهة</translation>
    </message>
    <message>
        <source>active</source>
        <translation>نشط</translation>
    </message>
    <message>
        <source>value</source>
        <translation>القيمة</translation>
    </message>
    <message>
        <source>deleted at</source>
        <translation>وقت الحذف</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <source>no</source>
        <translation>لا</translation>
    </message>
    <message>
        <source>system</source>
        <translation>النظام</translation>
    </message>
</context>
<context>
    <name>auth</name>
    <message>
        <source>Your role ({role}) may not {action}.</source>
        <translation>لا يحق لدورك (⁨{role}⁩) القيام بما يلي: ⁨{action}⁩.</translation>
    </message>
    <message>
        <source>Enter a user name.</source>
        <translation>أدخل اسم مستخدم.</translation>
    </message>
    <message numerus="yes">
        <source>The password needs at least %n characters.</source>
        <translation>
            <numerusform>يجب أن تتكون كلمة المرور من لا أحرف على الأقل.</numerusform>
            <numerusform>يجب أن تتكون كلمة المرور من حرف واحد على الأقل.</numerusform>
            <numerusform>يجب أن تتكون كلمة المرور من حرفين على الأقل.</numerusform>
            <numerusform>يجب أن تتكون كلمة المرور من ⁨%n⁩ أحرف على الأقل.</numerusform>
            <numerusform>يجب أن تتكون كلمة المرور من ⁨%n⁩ حرفًا على الأقل.</numerusform>
            <numerusform>يجب أن تتكون كلمة المرور من ⁨%n⁩ حرف على الأقل.</numerusform>
        </translation>
    </message>
    <message>
        <source>The two passwords differ; type the same password twice.</source>
        <translation>كلمتا المرور مختلفتان؛ اكتب كلمة المرور نفسها مرتين.</translation>
    </message>
    <message numerus="yes">
        <source>A user name has {low} to %n characters: Latin letters a-z without accents, digits, dots (.), hyphens (-) and underscores (_), starting with a letter or a digit; no spaces, no Turkish or Arabic letters. For example: ayse.kaya</source>
        <translation>
            <numerusform>يتكون اسم المستخدم من ⁨{low}⁩ إلى لا أحرف: أحرف لاتينية a-z دون علامات، وأرقام، ونقاط (.)، وشرطات (-)، وشرطات سفلية (_)، ويبدأ بحرف أو رقم؛ دون مسافات ودون أحرف تركية أو عربية. مثال: ayse.kaya</numerusform>
            <numerusform>يتكون اسم المستخدم من ⁨{low}⁩ إلى حرف واحد: أحرف لاتينية a-z دون علامات، وأرقام، ونقاط (.)، وشرطات (-)، وشرطات سفلية (_)، ويبدأ بحرف أو رقم؛ دون مسافات ودون أحرف تركية أو عربية. مثال: ayse.kaya</numerusform>
            <numerusform>يتكون اسم المستخدم من ⁨{low}⁩ إلى حرفين: أحرف لاتينية a-z دون علامات، وأرقام، ونقاط (.)، وشرطات (-)، وشرطات سفلية (_)، ويبدأ بحرف أو رقم؛ دون مسافات ودون أحرف تركية أو عربية. مثال: ayse.kaya</numerusform>
            <numerusform>يتكون اسم المستخدم من ⁨{low}⁩ إلى ⁨%n⁩ أحرف: أحرف لاتينية a-z دون علامات، وأرقام، ونقاط (.)، وشرطات (-)، وشرطات سفلية (_)، ويبدأ بحرف أو رقم؛ دون مسافات ودون أحرف تركية أو عربية. مثال: ayse.kaya</numerusform>
            <numerusform>يتكون اسم المستخدم من ⁨{low}⁩ إلى ⁨%n⁩ حرفًا: أحرف لاتينية a-z دون علامات، وأرقام، ونقاط (.)، وشرطات (-)، وشرطات سفلية (_)، ويبدأ بحرف أو رقم؛ دون مسافات ودون أحرف تركية أو عربية. مثال: ayse.kaya</numerusform>
            <numerusform>يتكون اسم المستخدم من ⁨{low}⁩ إلى ⁨%n⁩ حرف: أحرف لاتينية a-z دون علامات، وأرقام، ونقاط (.)، وشرطات (-)، وشرطات سفلية (_)، ويبدأ بحرف أو رقم؛ دون مسافات ودون أحرف تركية أو عربية. مثال: ayse.kaya</numerusform>
        </translation>
    </message>
    <message>
        <source>The password must not contain the user name ({name}); choose another.</source>
        <translation>يجب ألا تحتوي كلمة المرور على اسم المستخدم (⁨{name}⁩)؛ اختر كلمة مرور أخرى.</translation>
    </message>
    <message>
        <source>This password is one of the most common passwords, which are guessed first; choose another, for example a few unrelated words.</source>
        <translation>كلمة المرور هذه من أكثر كلمات المرور شيوعًا، وهي أول ما يُخمَّن؛ اختر غيرها، مثل بضع كلمات لا رابط بينها.</translation>
    </message>
    <message>
        <source>Enter the full name.</source>
        <translation>أدخل الاسم الكامل.</translation>
    </message>
    <message>
        <source>An administrator already exists; sign in.</source>
        <translation>يوجد مدير نظام بالفعل؛ سجّل الدخول.</translation>
    </message>
    <message>
        <source>The user name {name} is taken; choose another.</source>
        <translation>اسم المستخدم ⁨{name}⁩ مستخدَم؛ اختر اسمًا آخر.</translation>
    </message>
    <message>
        <source>No office {code}; choose an existing office.</source>
        <translation>لا يوجد مكتب ⁨{code}⁩؛ اختر مكتبًا موجودًا.</translation>
    </message>
    <message>
        <source>The office {code} is closed; choose an open office.</source>
        <translation>المكتب ⁨{code}⁩ مغلق؛ اختر مكتبًا مفتوحًا.</translation>
    </message>
    <message numerus="yes">
        <source>Too many failed attempts: this account is locked for %n more minutes.</source>
        <translation>
            <numerusform>محاولات فاشلة كثيرة: هذا الحساب مقفل لأقل من دقيقة أخرى.</numerusform>
            <numerusform>محاولات فاشلة كثيرة: هذا الحساب مقفل لمدة دقيقة واحدة أخرى.</numerusform>
            <numerusform>محاولات فاشلة كثيرة: هذا الحساب مقفل لمدة دقيقتين أخريين.</numerusform>
            <numerusform>محاولات فاشلة كثيرة: هذا الحساب مقفل لمدة ⁨%n⁩ دقائق أخرى.</numerusform>
            <numerusform>محاولات فاشلة كثيرة: هذا الحساب مقفل لمدة ⁨%n⁩ دقيقة أخرى.</numerusform>
            <numerusform>محاولات فاشلة كثيرة: هذا الحساب مقفل لمدة ⁨%n⁩ دقيقة أخرى.</numerusform>
        </translation>
    </message>
    <message>
        <source>The new password is the same as the old one; choose a new password.</source>
        <translation>كلمة المرور الجديدة مطابقة للقديمة؛ اختر كلمة مرور جديدة.</translation>
    </message>
    <message>
        <source>Engineers and supervisors need an office.</source>
        <translation>يجب أن يكون للمهندسين والمشرفين مكتب.</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>اسم المستخدم أو كلمة المرور غير صحيحة.</translation>
    </message>
    <message>
        <source>This account cannot change its password.</source>
        <translation>لا يمكن لهذا الحساب تغيير كلمة مروره.</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>كلمة المرور الحالية غير صحيحة.</translation>
    </message>
</context>
<context>
    <name>backup</name>
    <message>
        <source>The archive {path} is damaged: {member} fails its check ({reason}).</source>
        <translation>الأرشيف ⁦{path}⁩ تالف: فشل فحص ⁨{member}⁩ (⁨{reason}⁩).</translation>
    </message>
    <message>
        <source>There is no backup file {path}.</source>
        <translation>لا يوجد ملف نسخة احتياطية ⁦{path}⁩.</translation>
    </message>
    <message>
        <source>{path} holds no database ({name} is missing).</source>
        <translation>لا يحتوي ⁦{path}⁩ على قاعدة بيانات (⁨{name}⁩ مفقود).</translation>
    </message>
    <message>
        <source>The database in {path} does not match its manifest (the checksum differs); the backup is damaged.</source>
        <translation>قاعدة البيانات في ⁦{path}⁩ لا تطابق ملف البيان (المجموع الاختباري مختلف)؛ النسخة الاحتياطية تالفة.</translation>
    </message>
    <message>
        <source>The database in {path} is damaged ({problem}).</source>
        <translation>قاعدة البيانات في ⁦{path}⁩ تالفة (⁨{problem}⁩).</translation>
    </message>
    <message>
        <source>{path} has no {manifest}; it is not a Barınak backup.</source>
        <translation>لا يحتوي ⁦{path}⁩ على ⁦{manifest}⁩؛ إنه ليس نسخة احتياطية من Barınak.</translation>
    </message>
    <message>
        <source>{path} has no manifest beside it; it is not a complete Barınak backup.</source>
        <translation>لا يوجد ملف بيان (manifest) بجانب ⁦{path}⁩؛ إنه ليس نسخة احتياطية كاملة من Barınak.</translation>
    </message>
    <message>
        <source>{path} is not a readable ZIP archive; the file is damaged or is not a Barınak backup.</source>
        <translation>⁦{path}⁩ ليس أرشيف ZIP قابلًا للقراءة؛ الملف تالف أو ليس نسخة احتياطية من Barınak.</translation>
    </message>
    <message>
        <source>The database in {path} is not a Barınak database.</source>
        <translation>قاعدة البيانات في ⁦{path}⁩ ليست قاعدة بيانات Barınak.</translation>
    </message>
    <message>
        <source>{path} was made by a newer version of Barınak (schema {revision}); install that version to restore it.</source>
        <translation>أُنشئ ⁦{path}⁩ بإصدار أحدث من Barınak (المخطط ⁨{revision}⁩)؛ ثبّت ذلك الإصدار لاستعادته.</translation>
    </message>
    <message>
        <source>Photo {sha} listed in the manifest is missing from {path}.</source>
        <translation>الصورة ⁨{sha}⁩ المدرجة في ملف البيان مفقودة من ⁦{path}⁩.</translation>
    </message>
    <message>
        <source>Photo {sha} in {path} is damaged (its content does not match its name).</source>
        <translation>الصورة ⁨{sha}⁩ في ⁦{path}⁩ تالفة (محتواها لا يطابق اسمها).</translation>
    </message>
    <message>
        <source>The database in {path} is encrypted with another laptop&apos;s key; restore it on that laptop, or give that laptop&apos;s recovery key (an archive carries what it needs).</source>
        <translation>قاعدة البيانات في ⁦{path}⁩ مشفّرة بمفتاح حاسوب محمول آخر؛ استعِدها على ذلك الحاسوب، أو أدخِل مفتاح الاسترداد الخاص بذلك الحاسوب (الأرشيف يحمل كل ما يلزم).</translation>
    </message>
    <message>
        <source>Restoring into {path} failed: {reason}.</source>
        <translation>فشلت الاستعادة إلى ⁦{path}⁩: ⁨{reason}⁩.</translation>
    </message>
    <message>
        <source>There is no database at {path}.</source>
        <translation>لا توجد قاعدة بيانات في ⁦{path}⁩.</translation>
    </message>
    <message>
        <source>The database {path} is not damaged; nothing was changed.</source>
        <translation>قاعدة البيانات ⁦{path}⁩ ليست تالفة؛ لم يتغيّر شيء.</translation>
    </message>
    <message>
        <source>The database {path} is damaged and no sound automatic backup was found in {folder}; the file was left untouched. Restore an archive.</source>
        <translation>قاعدة البيانات ⁦{path}⁩ تالفة ولم يُعثر على نسخة احتياطية تلقائية سليمة في ⁦{folder}⁩؛ لم يُمَسّ الملف. استعد أرشيفًا.</translation>
    </message>
    <message>
        <source>{path} was made by a newer version of Barınak (backup format {format}); install that version to restore it.</source>
        <translation>أُنشئ ⁦{path}⁩ بإصدار أحدث من Barınak (صيغة النسخ الاحتياطي ⁨{format}⁩)؛ ثبّت ذلك الإصدار لاستعادته.</translation>
    </message>
    <message>
        <source>The manifest of {path} cannot be read ({reason}); the backup is damaged.</source>
        <translation>يتعذّر قراءة ملف البيان الخاص بـ ⁦{path}⁩ (⁨{reason}⁩)؛ النسخة الاحتياطية تالفة.</translation>
    </message>
    <message>
        <source>The backup was cancelled; nothing was kept.</source>
        <translation>أُلغي النسخ الاحتياطي؛ لم يُحفظ شيء.</translation>
    </message>
    <message>
        <source>Backups cover SQLite database files; back up the server database {name} with the server&apos;s own tools.</source>
        <translation>تشمل النسخ الاحتياطية ملفات قواعد بيانات SQLite؛ انسخ قاعدة بيانات الخادم ⁨{name}⁩ احتياطيًا بأدوات الخادم نفسه.</translation>
    </message>
    <message>
        <source>Cannot write {path}: {reason}.</source>
        <translation>تتعذّر الكتابة في ⁦{path}⁩: ⁨{reason}⁩.</translation>
    </message>
    <message>
        <source>Another backup into {folder} is running; try again when it has finished.</source>
        <translation>يجري نسخ احتياطي آخر إلى ⁦{folder}⁩؛ حاول مجددًا بعد انتهائه.</translation>
    </message>
    <message>
        <source>The copy of the database changed on disk while it was archived (its checksum differs); the disk may be failing. No archive was written; check the disk and export again.</source>
        <translation>تغيّرت نسخة قاعدة البيانات على القرص أثناء أرشفتها (المجموع الاختباري مختلف)؛ قد يكون القرص معطوبًا. لم يُكتب أي أرشيف؛ افحص القرص ثم أعد التصدير.</translation>
    </message>
</context>
<context>
    <name>boq</name>
    <message>
        <source>Insulation</source>
        <translation>العزل</translation>
    </message>
    <message>
        <source>Doors</source>
        <translation>الأبواب</translation>
    </message>
    <message>
        <source>Windows</source>
        <translation>النوافذ</translation>
    </message>
    <message>
        <source>Plaster and painting</source>
        <translation>اللياسة والدهان</translation>
    </message>
    <message>
        <source>Roof</source>
        <translation>السقف</translation>
    </message>
    <message>
        <source>Other works</source>
        <translation>أعمال أخرى</translation>
    </message>
    <message>
        <source>Enter the quantity as a number, e.g. 12,5.</source>
        <translation>أدخل الكمية رقمًا، مثل 12,5.</translation>
    </message>
    <message>
        <source>The quantity must be more than zero; remove the line instead of entering {value}.</source>
        <translation>يجب أن تكون الكمية أكبر من صفر؛ احذف السطر بدلًا من إدخال ⁨{value}⁩.</translation>
    </message>
    <message numerus="yes">
        <source>The quantity {value} is out of range; enter at most %n decimals and less than a billion.</source>
        <translation>
            <numerusform>الكمية ⁨{value}⁩ خارج النطاق؛ أدخل بلا منازل عشرية على الأكثر وقيمة أقل من مليار.</numerusform>
            <numerusform>الكمية ⁨{value}⁩ خارج النطاق؛ أدخل منزلة عشرية واحدة على الأكثر وقيمة أقل من مليار.</numerusform>
            <numerusform>الكمية ⁨{value}⁩ خارج النطاق؛ أدخل منزلتين عشريتين على الأكثر وقيمة أقل من مليار.</numerusform>
            <numerusform>الكمية ⁨{value}⁩ خارج النطاق؛ أدخل ⁨%n⁩ منازل عشرية على الأكثر وقيمة أقل من مليار.</numerusform>
            <numerusform>الكمية ⁨{value}⁩ خارج النطاق؛ أدخل ⁨%n⁩ منزلةً عشرية على الأكثر وقيمة أقل من مليار.</numerusform>
            <numerusform>الكمية ⁨{value}⁩ خارج النطاق؛ أدخل ⁨%n⁩ منزلة عشرية على الأكثر وقيمة أقل من مليار.</numerusform>
        </translation>
    </message>
    <message>
        <source>Enter a percentage from 0 to 100, e.g. 10 or 7,5.</source>
        <translation>أدخل نسبة مئوية من 0 إلى 100، مثل 10 أو 7,5.</translation>
    </message>
    <message>
        <source>{code}: {quantity} {unit} is more than one dwelling usually needs (over {limit}); check for a typing error.</source>
        <translation>⁨{code}⁩: ⁨{quantity}⁩ ⁨{unit}⁩ أكثر مما يحتاجه مسكن واحد عادةً (أكثر من ⁨{limit}⁩)؛ تحقّق من عدم وجود خطأ في الكتابة.</translation>
    </message>
    <message>
        <source>The total incl. VAT ({amount}) is over the budget ceiling per dwelling ({ceiling}).</source>
        <translation>المجموع شاملًا ضريبة القيمة المضافة (⁨{amount}⁩) يتجاوز سقف الميزانية لكل مسكن (⁨{ceiling}⁩).</translation>
    </message>
    <message>
        <source>{ref} ({amount}) is over the budget ceiling per dwelling ({ceiling}); write why it is approved anyway. The reason is kept in the audit trail.</source>
        <translation>{ref} ({amount}) يتجاوز سقف الميزانية لكل مسكن ({ceiling})؛ اكتب سبب اعتماده رغم ذلك. يُحفظ السبب في سجل التدقيق.</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>مسودة</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>مُرسَل</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>معتمَد</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>مُعاد</translation>
    </message>
    <message>
        <source>{code} has been withdrawn from the catalogue since it was priced; check it is still the right item.</source>
        <translation>سُحب ⁨{code}⁩ من القائمة بعد تسعيره؛ تحقّق من أنه لا يزال البند الصحيح.</translation>
    </message>
    <message>
        <source>{ref} belongs to another office; ask that office.</source>
        <translation>⁨{ref}⁩ تابع لمكتب آخر؛ راجع ذلك المكتب.</translation>
    </message>
    <message>
        <source>That bill of quantities does not exist any more.</source>
        <translation>جدول الكميات هذا لم يعد موجودًا.</translation>
    </message>
    <message>
        <source>{ref} is approved and locked; ask a supervisor to open a revision to change it.</source>
        <translation>⁨{ref}⁩ معتمَد ومقفل؛ اطلب من مشرف فتح مراجعة لتغييره.</translation>
    </message>
    <message>
        <source>{ref} is submitted and waiting for approval; it can be changed again if the supervisor returns it.</source>
        <translation>⁨{ref}⁩ مُرسَل وينتظر الموافقة؛ يمكن تغييره مجددًا إذا أعاده المشرف.</translation>
    </message>
    <message>
        <source>No bill of quantities {ref} exists; give a BoQ reference (GAZ-D-000123-B1) or a dwelling&apos;s.</source>
        <translation>لا يوجد جدول كميات ⁨{ref}⁩؛ أدخل رقم جدول كميات (GAZ-D-000123-B1) أو رقم مسكن.</translation>
    </message>
    <message>
        <source>No dwelling {ref} exists; check the reference.</source>
        <translation>لا يوجد مسكن ⁨{ref}⁩؛ تحقّق من الرقم المرجعي.</translation>
    </message>
    <message>
        <source>{ref} is not assessed yet; record its assessment before pricing the works.</source>
        <translation>لم يُقيَّم ⁨{ref}⁩ بعد؛ سجّل تقييمه قبل تسعير الأعمال.</translation>
    </message>
    <message>
        <source>{ref} already has the bill of quantities {boq}; open it from the list.</source>
        <translation>لدى ⁨{ref}⁩ جدول الكميات ⁨{boq}⁩ بالفعل؛ افتحه من القائمة.</translation>
    </message>
    <message>
        <source>That catalogue item does not exist any more.</source>
        <translation>بند القائمة هذا لم يعد موجودًا.</translation>
    </message>
    <message>
        <source>{code} has been withdrawn from the catalogue; choose another item.</source>
        <translation>سُحب ⁨{code}⁩ من القائمة؛ اختر بندًا آخر.</translation>
    </message>
    <message>
        <source>That line does not exist any more; reopen the BoQ.</source>
        <translation>هذا السطر لم يعد موجودًا؛ أعد فتح جدول الكميات.</translation>
    </message>
    <message>
        <source>{ref} has no lines; add the works before submitting.</source>
        <translation>لا يحتوي ⁨{ref}⁩ على أي سطر؛ أضف الأعمال قبل الإرسال.</translation>
    </message>
    <message>
        <source>{ref} is {status}, not submitted; only a submitted BoQ can be approved or returned.</source>
        <translation>حالة ⁨{ref}⁩ هي ⁨{status}⁩ وليست مُرسَلة؛ لا يمكن اعتماد جدول الكميات أو إعادته إلا بعد إرساله.</translation>
    </message>
    <message>
        <source>You submitted {ref} yourself; another supervisor approves it.</source>
        <translation>أرسلت ⁨{ref}⁩ بنفسك؛ يعتمده مشرف آخر.</translation>
    </message>
    <message>
        <source>Say why the BoQ is returned, so the engineer knows what to change.</source>
        <translation>اذكر سبب إعادة جدول الكميات، ليعرف المهندس ما يجب تغييره.</translation>
    </message>
    <message>
        <source>Say why the approved BoQ is reopened; the reason goes into the audit trail.</source>
        <translation>اذكر سبب إعادة فتح جدول الكميات المعتمد؛ يُسجَّل السبب في سجل التدقيق.</translation>
    </message>
    <message>
        <source>Only an approved BoQ is revised; {ref} is {status} and can be edited as it is.</source>
        <translation>لا تُفتح مراجعة إلا لجدول كميات معتمد؛ حالة ⁨{ref}⁩ هي ⁨{status}⁩ ويمكن تعديله كما هو.</translation>
    </message>
    <message>
        <source>{ref} already has a newer revision; open that one.</source>
        <translation>لدى ⁨{ref}⁩ مراجعة أحدث بالفعل؛ افتحها.</translation>
    </message>
    <message>
        <source>Exterior walls (insulation, facade paint)</source>
        <translation>الجدران الخارجية (العزل، دهان الواجهة)</translation>
    </message>
    <message>
        <source>Interior walls (plaster, paint)</source>
        <translation>الجدران الداخلية (اللياسة، الدهان)</translation>
    </message>
    <message>
        <source>Windows, frame area</source>
        <translation>النوافذ، مساحة الإطارات</translation>
    </message>
    <message>
        <source>Floor (ceiling, roof)</source>
        <translation>الأرضية (السقف، السطح)</translation>
    </message>
    <message>
        <source>Cannot write {path}: {error}</source>
        <translation>تتعذّر الكتابة في ⁦{path}⁩: ⁨{error}⁩</translation>
    </message>
</context>
<context>
    <name>case_flow</name>
    <message>
        <source>A case at stage {current} cannot move to {target}; the next stage can only be: {allowed}.</source>
        <translation>لا يمكن لحالة في المرحلة ⁨{current}⁩ الانتقال إلى ⁦{target}⁩؛ يمكن أن تكون المرحلة التالية فقط: ⁨{allowed}⁩.</translation>
    </message>
    <message>
        <source>none (the case is at its end)</source>
        <translation>لا شيء (الحالة في نهايتها)</translation>
    </message>
    <message>
        <source>Link the household that lives in the dwelling first.</source>
        <translation>اربط أولًا الأسرة التي تسكن في المسكن.</translation>
    </message>
    <message>
        <source>Record the dwelling&apos;s landlord first.</source>
        <translation>سجّل أولًا مؤجر المسكن.</translation>
    </message>
    <message>
        <source>The latest assessment must find the dwelling eligible; record an assessment with the decision &apos;eligible&apos; first.</source>
        <translation>يجب أن يجد أحدث تقييم أن المسكن مؤهَّل؛ سجّل أولًا تقييمًا بالقرار «مؤهَّل».</translation>
    </message>
    <message>
        <source>Draft a bill of quantities for the dwelling first.</source>
        <translation>أعدّ أولًا جدول كميات للمسكن.</translation>
    </message>
    <message>
        <source>No agreement or approval step before an approved bill of quantities: a supervisor must approve the BoQ first.</source>
        <translation>لا اتفاقية ولا خطوة موافقة قبل اعتماد جدول الكميات: يجب أن يعتمد المشرف جدول الكميات أولًا.</translation>
    </message>
    <message>
        <source>The landlord agreement must be signed first.</source>
        <translation>يجب توقيع اتفاقية المؤجر أولًا.</translation>
    </message>
    <message>
        <source>Record the final assessment that closes the works first.</source>
        <translation>سجّل أولًا التقييم النهائي الذي يُغلق الأعمال.</translation>
    </message>
    <message>
        <source>The final assessment must check every line of the approved BoQ (done, partly done or not done) first.</source>
        <translation>يجب أولاً أن يفحص التقييم النهائي كل بند من بنود جدول الكميات المعتمد (أُنجز، أُنجز جزئياً، أو لم يُنجز).</translation>
    </message>
    <message>
        <source>Import the photos of the finished works, tagged &apos;after&apos;, first.</source>
        <translation>استورد أولاً صور الأعمال المنجزة بوسم «بعد».</translation>
    </message>
    <message>
        <source>Record the first monitoring visit first: a case is monitored once a visit has been made.</source>
        <translation>سجّل أولاً زيارة المتابعة الأولى: تصبح الحالة قيد المتابعة بعد إجراء زيارة.</translation>
    </message>
    <message>
        <source>{ref} cannot move to {stage}: {reasons}</source>
        <translation>لا يمكن نقل ⁨{ref}⁩ إلى ⁨{stage}⁩: ⁨{reasons}⁩</translation>
    </message>
</context>
<context>
    <name>cases</name>
    <message>
        <source>Your account belongs to no office, so it cannot register cases; ask the administrator.</source>
        <translation>حسابك غير تابع لأي مكتب، لذا لا يمكنه تسجيل حالات؛ راجع مدير النظام.</translation>
    </message>
    <message>
        <source>The office {code} ({name}) is closed and takes no new cases; register the case in an open office, or ask the administrator to reopen it.</source>
        <translation>المكتب ⁨{code}⁩ (⁨{name}⁩) مغلق ولا يقبل حالات جديدة؛ سجّل الحالة في مكتب مفتوح، أو اطلب من مدير النظام إعادة فتحه.</translation>
    </message>
    <message>
        <source>{ref} belongs to another office; ask that office or an administrator.</source>
        <translation>⁨{ref}⁩ تابع لمكتب آخر؛ راجع ذلك المكتب أو مدير النظام.</translation>
    </message>
    <message>
        <source>No dwelling {ref} exists; check the reference.</source>
        <translation>لا يوجد مسكن ⁨{ref}⁩؛ تحقّق من الرقم المرجعي.</translation>
    </message>
    <message>
        <source>No household {ref} exists; check the reference.</source>
        <translation>لا توجد أسرة ⁨{ref}⁩؛ تحقّق من الرقم المرجعي.</translation>
    </message>
</context>
<context>
    <name>cash_for_work</name>
    <message>
        <source>A day is full (1), half (0.5) or absent (0), not {value}.</source>
        <translation>اليوم إما كامل (1) أو نصف (0.5) أو غياب (0)، وليس ⁨{value}⁩.</translation>
    </message>
    <message>
        <source>Write the period as YYYY-MM, e.g. 2026-11; &apos;{raw}&apos; is not one.</source>
        <translation>اكتب الفترة بالشكل YYYY-MM، مثل 2026-11؛ و&apos;⁨{raw}⁩&apos; ليس كذلك.</translation>
    </message>
    <message>
        <source>{day} is in the future; log a day once it has been worked.</source>
        <translation>⁨{day}⁩ في المستقبل؛ سجّل اليوم بعد أن يُعمل.</translation>
    </message>
    <message>
        <source>{worker} is {age} on {day}; cash-for-work needs workers aged {min_age} or over.</source>
        <translation>عمر ⁨{worker}⁩ في ⁨{day}⁩ هو ⁨{age}⁩؛ ويشترط النقد مقابل العمل أن يكون عمر العامل ⁨{min_age}⁩ أو أكثر.</translation>
    </message>
    <message>
        <source>{worker} already works at {others} on {day}; a worker works on one site a day.</source>
        <translation>يعمل ⁨{worker}⁩ في ⁨{day}⁩ في ⁨{others}⁩ أصلًا؛ يعمل العامل في موقع واحد في اليوم.</translation>
    </message>
    <message>
        <source>{worker} would have more than one full day on {day} (days: {days}); one date holds at most one full day (two halves or one full).</source>
        <translation>سيكون لدى ⁨{worker}⁩ أكثر من يوم كامل في ⁨{day}⁩ (الأيام: ⁨{days}⁩)؛ ولا يحمل التاريخ الواحد أكثر من يوم كامل (نصفان أو يوم كامل).</translation>
    </message>
    <message>
        <source>{worker} would go over the monthly limit in {month}: days {days}, limit {cap}.</source>
        <translation>سيتجاوز ⁨{worker}⁩ الحد الشهري في ⁨{month}⁩: الأيام ⁨{days}⁩، والحد ⁨{cap}⁩.</translation>
    </message>
    <message>
        <source>{worker} would go over the programme year&apos;s limit: days {days}, limit {cap}.</source>
        <translation>سيتجاوز ⁨{worker}⁩ حد سنة البرنامج: الأيام ⁨{days}⁩، والحد ⁨{cap}⁩.</translation>
    </message>
    <message>
        <source>{worker} is under temporary protection and has no work permit recorded; record it, or give a reason to log the day.</source>
        <translation>⁨{worker}⁩ تحت الحماية المؤقتة ولا يوجد له إذن عمل مسجّل؛ سجّله، أو اكتب سببًا لتسجيل اليوم.</translation>
    </message>
    <message>
        <source>The work permit of {worker} expired on {expiry}, before {day}; record the renewed permit, or give a reason to log the day.</source>
        <translation>انتهى إذن عمل ⁨{worker}⁩ في ⁨{expiry}⁩، قبل ⁨{day}⁩؛ سجّل الإذن المجدَّد، أو اكتب سببًا لتسجيل اليوم.</translation>
    </message>
    <message>
        <source>The same household already has a worker this month ({others}); one worker per household at a time. Give a reason (e.g. a replacement) to log the day.</source>
        <translation>لدى الأسرة نفسها عامل هذا الشهر أصلًا (⁨{others}⁩)؛ عامل واحد لكل أسرة في الوقت نفسه. اكتب سببًا (مثل الاستبدال) لتسجيل اليوم.</translation>
    </message>
    <message>
        <source>{site} is not the dwelling of {worker}&apos;s household; give a reason to log the day there.</source>
        <translation>⁨{site}⁩ ليس مسكن أسرة ⁨{worker}⁩؛ اكتب سببًا لتسجيل اليوم هناك.</translation>
    </message>
    <message>
        <source>{site} has no signed landlord agreement; labour days are logged from the day it is signed.</source>
        <translation>لا توجد اتفاقية موقعة مع المؤجر لـ {site}؛ تُسجَّل أيام العمل اعتباراً من يوم توقيعها.</translation>
    </message>
    <message>
        <source>{day} is before the agreement of {site} was signed on {signed}; no labour before the works start.</source>
        <translation>{day} يسبق توقيع اتفاقية {site} في {signed}؛ لا عمل قبل بدء الأعمال.</translation>
    </message>
    <message>
        <source>{day} is after the works of {site} were completed on {done}; no labour after completion.</source>
        <translation>{day} بعد اكتمال أعمال {site} في {done}؛ لا عمل بعد الاكتمال.</translation>
    </message>
    <message>
        <source>{worker}&apos;s day of {day} was logged on {day_site}, so it cannot be in timesheet {ref} of {site}: a timesheet holds only its own site&apos;s days. Clear the day on {day_site} and log it again there; it then joins that site&apos;s own timesheet.</source>
        <translation>يوم ⁨{worker}⁩ بتاريخ ⁨{day}⁩ مسجَّل في الموقع ⁨{day_site}⁩، فلا يجوز أن يكون في كشف الدوام ⁨{ref}⁩ الخاص بالموقع ⁨{site}⁩: لا يضم كشف الدوام إلا أيام موقعه. امسح اليوم في ⁨{day_site}⁩ وسجّله هناك من جديد؛ فينضم عندئذٍ إلى كشف دوام ذلك الموقع.</translation>
    </message>
    <message>
        <source>{worker}&apos;s day of {day} is outside timesheet {ref} ({first} – {last}): a timesheet holds only the days of its period. Clear the day on {site} and log it again; it then joins the timesheet of its own week.</source>
        <translation>يوم ⁨{worker}⁩ بتاريخ ⁨{day}⁩ خارج فترة كشف الدوام ⁨{ref}⁩ (⁨{first}⁩ – ⁨{last}⁩): لا يضم كشف الدوام إلا أيام فترته. امسح اليوم في ⁨{site}⁩ وسجّله من جديد؛ فينضم عندئذٍ إلى كشف دوام أسبوعه.</translation>
    </message>
    <message>
        <source>{month} is not over yet (it ends on {last}); build its payment batch after that, or write why it cannot wait.</source>
        <translation>{month} لم ينتهِ بعد (ينتهي في {last})؛ أنشئ دفعة المدفوعات بعد ذلك، أو اكتب لماذا لا يمكن الانتظار.</translation>
    </message>
</context>
<context>
    <name>catalogue</name>
    <message>
        <source>That price catalogue does not exist any more.</source>
        <translation>قائمة الأسعار هذه لم تعد موجودة.</translation>
    </message>
    <message>
        <source>Catalogue {label} is published and cannot change; create a new version to change prices.</source>
        <translation>القائمة ⁨{label}⁩ منشورة ولا يمكن تغييرها؛ أنشئ إصدارًا جديدًا لتغيير الأسعار.</translation>
    </message>
    <message>
        <source>Name the version, e.g. 2026-07.</source>
        <translation>سمِّ الإصدار، مثل 2026-07.</translation>
    </message>
    <message>
        <source>Enter the date the prices apply from.</source>
        <translation>أدخل التاريخ الذي تسري منه الأسعار.</translation>
    </message>
    <message>
        <source>A version named {label} exists; choose another name.</source>
        <translation>يوجد إصدار باسم ⁨{label}⁩؛ اختر اسمًا آخر.</translation>
    </message>
    <message>
        <source>That catalogue item does not exist any more.</source>
        <translation>بند القائمة هذا لم يعد موجودًا.</translation>
    </message>
    <message>
        <source>Catalogue {label} has no items; add or import items first.</source>
        <translation>لا تحتوي القائمة ⁨{label}⁩ على بنود؛ أضف بنودًا أو استوردها أولًا.</translation>
    </message>
    <message>
        <source>A unit price must be more than zero.</source>
        <translation>يجب أن يكون سعر الوحدة أكبر من صفر.</translation>
    </message>
    <message>
        <source>Cannot read {path} as an XLSX spreadsheet: {error}</source>
        <translation>تتعذّر قراءة ⁦{path}⁩ كجدول بيانات XLSX: ⁨{error}⁩</translation>
    </message>
    <message>
        <source>The first row must name the columns; missing: {columns}.</source>
        <translation>يجب أن يحمل الصف الأول أسماء الأعمدة؛ الناقص: ⁨{columns}⁩.</translation>
    </message>
    <message>
        <source>Row {row}: </source>
        <translation>الصف ⁨{row}⁩: </translation>
    </message>
    <message>
        <source>Row {row}: code {code} appears twice.</source>
        <translation>الصف ⁨{row}⁩: الرمز ⁨{code}⁩ مكرَّر.</translation>
    </message>
    <message>
        <source>The spreadsheet has no items.</source>
        <translation>لا يحتوي جدول البيانات على بنود.</translation>
    </message>
    <message>
        <source>{column} is empty.</source>
        <translation>⁨{column}⁩ فارغ.</translation>
    </message>
    <message>
        <source>category &apos;{value}&apos; is unknown; use one of {choices}.</source>
        <translation>الفئة &apos;⁨{value}⁩&apos; غير معروفة؛ استخدم إحدى الفئات: ⁨{choices}⁩.</translation>
    </message>
    <message>
        <source>VAT rate {value} is not a percentage.</source>
        <translation>نسبة ضريبة القيمة المضافة ⁨{value}⁩ ليست نسبة مئوية.</translation>
    </message>
    <message>
        <source>code (20) or unit (12) is too long.</source>
        <translation>الرمز (20) أو الوحدة (12) طويل جدًا.</translation>
    </message>
    <message>
        <source>{column} {value} needs at most two decimals.</source>
        <translation>يجب ألا يتجاوز ⁨{column}⁩ ⁨{value}⁩ منزلتين عشريتين.</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>نعم</translation>
    </message>
</context>
<context>
    <name>check</name>
    <message>
        <source>Integrity: {detail}</source>
        <translation>السلامة: ⁨{detail}⁩</translation>
    </message>
    <message>
        <source>Foreign key: row {rowid} of {table} points to a missing {parent}.</source>
        <translation>مفتاح خارجي: الصف ⁨{rowid}⁩ من ⁨{table}⁩ يشير إلى ⁨{parent}⁩ غير موجود.</translation>
    </message>
    <message>
        <source>Schema is at revision {found}, expected {expected}; run shelter-app migrate.</source>
        <translation>المخطط في المراجعة ⁨{found}⁩، والمتوقَّع ⁨{expected}⁩؛ شغّل shelter-app migrate.</translation>
    </message>
    <message>
        <source>Photo {id}: file {path} {fault}</source>
        <translation>الصورة {id}: الملف {path} {fault}</translation>
    </message>
    <message>
        <source>Agreement {number}: the signed scan {path} {fault}</source>
        <translation>الاتفاقية {number}: المسح الموقَّع {path} {fault}</translation>
    </message>
    <message>
        <source>is missing; restore it from a backup.</source>
        <translation>مفقود؛ استعده من نسخة احتياطية.</translation>
    </message>
    <message>
        <source>is damaged (its content no longer has its hash); restore it from a backup.</source>
        <translation>تالف (لم يعد محتواه يطابق بصمته)؛ استعده من نسخة احتياطية.</translation>
    </message>
    <message numerus="yes">
        <source>{ref}: %n labour days ({first} – {last}) lie outside the works (agreement signed: {signed}).</source>
        <translation>
            <numerusform>{ref}: لا أيام عمل ({first} – {last}) خارج فترة الأعمال (توقيع الاتفاقية: {signed}).</numerusform>
            <numerusform>{ref}: يوم عمل واحد ({first} – {last}) خارج فترة الأعمال (توقيع الاتفاقية: {signed}).</numerusform>
            <numerusform>{ref}: يوما عمل ({first} – {last}) خارج فترة الأعمال (توقيع الاتفاقية: {signed}).</numerusform>
            <numerusform>{ref}: ⁨%n⁩ أيام عمل ({first} – {last}) خارج فترة الأعمال (توقيع الاتفاقية: {signed}).</numerusform>
            <numerusform>{ref}: ⁨%n⁩ يومَ عمل ({first} – {last}) خارج فترة الأعمال (توقيع الاتفاقية: {signed}).</numerusform>
            <numerusform>{ref}: ⁨%n⁩ يوم عمل ({first} – {last}) خارج فترة الأعمال (توقيع الاتفاقية: {signed}).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Timesheet {ref} holds %n labour days of another site or outside its period; a payment batch would pay them as its site&apos;s labour.</source>
        <translation>
            <numerusform>لا يضم كشف الدوام ⁨{ref}⁩ أي يوم عمل من موقع آخر أو خارج فترته، فلن تدفع دفعة المدفوعات شيئًا منه على أنه عمل في موقعه.</numerusform>
            <numerusform>يضم كشف الدوام ⁨{ref}⁩ يوم عمل واحدًا من موقع آخر أو خارج فترته؛ وستدفعه دفعة المدفوعات على أنه عمل في موقعه.</numerusform>
            <numerusform>يضم كشف الدوام ⁨{ref}⁩ يومَي عمل من موقع آخر أو خارج فترته؛ وستدفعهما دفعة المدفوعات على أنهما عمل في موقعه.</numerusform>
            <numerusform>يضم كشف الدوام ⁨{ref}⁩ ⁨%n⁩ أيام عمل من موقع آخر أو خارج فترته؛ وستدفعها دفعة المدفوعات على أنها عمل في موقعه.</numerusform>
            <numerusform>يضم كشف الدوام ⁨{ref}⁩ ⁨%n⁩ يومَ عمل من موقع آخر أو خارج فترته؛ وستدفعها دفعة المدفوعات على أنها عمل في موقعه.</numerusform>
            <numerusform>يضم كشف الدوام ⁨{ref}⁩ ⁨%n⁩ يوم عمل من موقع آخر أو خارج فترته؛ وستدفعها دفعة المدفوعات على أنها عمل في موقعه.</numerusform>
        </translation>
    </message>
    <message>
        <source>{ref} is monitored but no monitoring visit was made.</source>
        <translation>{ref} قيد المتابعة لكن لم تُجرَ أي زيارة متابعة.</translation>
    </message>
    <message>
        <source>{ref} is {stage} without photos of the finished works.</source>
        <translation>{ref} في مرحلة «{stage}» دون صور للأعمال المنجزة.</translation>
    </message>
    <message>
        <source>Agreement {number} is active before its start on {start}.</source>
        <translation>الاتفاقية {number} سارية قبل بدئها في {start}.</translation>
    </message>
    <message>
        <source>Payment batch {ref} for {period} was built on {day}, before the month ended.</source>
        <translation>أُنشئت دفعة المدفوعات {ref} عن {period} في {day}، قبل نهاية الشهر.</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>database file or SQLAlchemy URL (default: ${env} or the user data folder)</source>
        <translation>ملف قاعدة البيانات أو عنوان SQLAlchemy URL (الافتراضي: $⁨{env}⁩ أو مجلد بيانات المستخدم)</translation>
    </message>
    <message>
        <source>Barınak: shelter rehabilitation case management.</source>
        <translation>Barınak: إدارة حالات إعادة تأهيل المأوى.</translation>
    </message>
    <message>
        <source>fill an empty database with demo data</source>
        <translation>ملء قاعدة بيانات فارغة ببيانات تجريبية</translation>
    </message>
    <message>
        <source>number of dwellings</source>
        <translation>عدد المساكن</translation>
    </message>
    <message>
        <source>do nothing when the database already has data</source>
        <translation>لا تفعل شيئًا إذا كانت قاعدة البيانات تحتوي على بيانات</translation>
    </message>
    <message>
        <source>add before/after photos to a few dwellings</source>
        <translation>إضافة صور قبل/بعد إلى بضعة مساكن</translation>
    </message>
    <message>
        <source>list records</source>
        <translation>عرض السجلات</translation>
    </message>
    <message>
        <source>words to search for (not for payments, users or offices)</source>
        <translation>الكلمات المراد البحث عنها (لا تنطبق على المدفوعات والمستخدمين والمكاتب)</translation>
    </message>
    <message>
        <source>payments: only the batches of this month</source>
        <translation>المدفوعات: دفعات المدفوعات لهذا الشهر فقط</translation>
    </message>
    <message>
        <source>{option} does not apply to list {kind}.</source>
        <translation>لا ينطبق الخيار ⁦{option}⁩ على ⁦list {kind}⁩.</translation>
    </message>
    <message>
        <source>add, list, rename, close offices</source>
        <translation>إضافة المكاتب وعرضها وإعادة تسميتها وإغلاقها</translation>
    </message>
    <message>
        <source>the office code: 3 letters, e.g. GAZ</source>
        <translation>رمز المكتب: 3 أحرف، مثل GAZ</translation>
    </message>
    <message>
        <source>add an office</source>
        <translation>إضافة مكتب</translation>
    </message>
    <message>
        <source>the office&apos;s name</source>
        <translation>اسم المكتب</translation>
    </message>
    <message>
        <source>its province, one of the 81 of Türkiye (e.g. Gaziantep)</source>
        <translation>ولايته، إحدى ولايات تركيا الـ81 (مثل Gaziantep)</translation>
    </message>
    <message>
        <source>list the offices, closed ones too</source>
        <translation>عرض المكاتب، بما فيها المغلقة</translation>
    </message>
    <message>
        <source>give an office a new name</source>
        <translation>إعطاء المكتب اسمًا جديدًا</translation>
    </message>
    <message>
        <source>the new name</source>
        <translation>الاسم الجديد</translation>
    </message>
    <message>
        <source>set an office&apos;s budget, which reports weigh its spending against</source>
        <translation>تحديد ميزانية مكتب، تقارن التقارير إنفاقه بها</translation>
    </message>
    <message>
        <source>the budget in TL, e.g. 2500000 or 2.500.000,00; empty to clear it</source>
        <translation>الميزانية بالليرة التركية، مثل 2500000 أو 2.500.000,00؛ اتركها فارغة لحذفها</translation>
    </message>
    <message>
        <source>close an office: it keeps its records and takes no new cases</source>
        <translation>إغلاق مكتب: تبقى سجلاته ولا يستقبل حالات جديدة</translation>
    </message>
    <message>
        <source>reopen a closed office</source>
        <translation>إعادة فتح مكتب مغلق</translation>
    </message>
    <message>
        <source>add, list and change user accounts</source>
        <translation>إضافة حسابات المستخدمين وعرضها وتعديلها</translation>
    </message>
    <message>
        <source>the user name, e.g. ayse.kaya</source>
        <translation>اسم المستخدم، مثل ayse.kaya</translation>
    </message>
    <message>
        <source>read the password as one line from standard input instead of typing it twice</source>
        <translation>قراءة كلمة المرور سطرًا واحدًا من الإدخال القياسي بدلًا من كتابتها مرتين</translation>
    </message>
    <message>
        <source>add a user (on an empty database: the first administrator)</source>
        <translation>إضافة مستخدم (في قاعدة بيانات فارغة: المسؤول الأول)</translation>
    </message>
    <message>
        <source>the person&apos;s full name</source>
        <translation>الاسم الكامل للشخص</translation>
    </message>
    <message>
        <source>their office (engineers and supervisors need one)</source>
        <translation>مكتبه (يحتاج المهندسون والمشرفون إلى مكتب)</translation>
    </message>
    <message>
        <source>list users</source>
        <translation>عرض المستخدمين</translation>
    </message>
    <message>
        <source>give a user a temporary password, to change at their next sign-in</source>
        <translation>إعطاء المستخدم كلمة مرور مؤقتة يغيّرها عند دخوله التالي</translation>
    </message>
    <message>
        <source>stop a user from signing in (records stay)</source>
        <translation>منع المستخدم من تسجيل الدخول (تبقى السجلات)</translation>
    </message>
    <message>
        <source>let a deactivated user sign in again</source>
        <translation>السماح لمستخدم معطَّل بتسجيل الدخول من جديد</translation>
    </message>
    <message>
        <source>end a lock-out after failed sign-ins</source>
        <translation>إنهاء القفل بعد محاولات دخول فاشلة</translation>
    </message>
    <message>
        <source>change a user&apos;s role, office or name</source>
        <translation>تغيير دور المستخدم أو مكتبه أو اسمه</translation>
    </message>
    <message>
        <source>their new office</source>
        <translation>مكتبه الجديد</translation>
    </message>
    <message>
        <source>take the office away (administrators only)</source>
        <translation>إزالة المكتب (للمسؤولين فقط)</translation>
    </message>
    <message>
        <source>their full name</source>
        <translation>اسمه الكامل</translation>
    </message>
    <message>
        <source>Added office {code}: {name}, {province}.</source>
        <translation>أُضيف المكتب {code}: {name}، {province}.</translation>
    </message>
    <message>
        <source>Office {code} is now called {name}.</source>
        <translation>أصبح اسم المكتب {code}: {name}.</translation>
    </message>
    <message>
        <source>Office {code} ({name}) has no budget set now.</source>
        <translation>لم تعد للمكتب {code} ({name}) ميزانية محددة.</translation>
    </message>
    <message>
        <source>The budget of office {code} ({name}) is now {budget}.</source>
        <translation>ميزانية المكتب {code} ({name}) الآن {budget}.</translation>
    </message>
    <message>
        <source>Closed office {code} ({name}): its records stay; it takes no new cases.</source>
        <translation>أُغلق المكتب {code} ({name}): تبقى سجلاته ولا يستقبل حالات جديدة.</translation>
    </message>
    <message>
        <source>Reopened office {code} ({name}).</source>
        <translation>أُعيد فتح المكتب {code} ({name}).</translation>
    </message>
    <message>
        <source>Nothing to change: give --role, --office, --no-office or --name.</source>
        <translation>لا شيء لتغييره: أعطِ --role أو --office أو --no-office أو --name.</translation>
    </message>
    <message>
        <source>Temporary password for {name}: </source>
        <translation>كلمة المرور المؤقتة لـ {name}: </translation>
    </message>
    <message>
        <source>{name} has a new password and must change it at the next sign-in.</source>
        <translation>لدى {name} كلمة مرور جديدة ويجب تغييرها عند الدخول التالي.</translation>
    </message>
    <message>
        <source>{name} is deactivated and can no longer sign in.</source>
        <translation>عُطِّل {name} ولم يعد بإمكانه تسجيل الدخول.</translation>
    </message>
    <message>
        <source>{name} is active again and can sign in.</source>
        <translation>{name} نشط من جديد ويمكنه تسجيل الدخول.</translation>
    </message>
    <message>
        <source>{name} is unlocked.</source>
        <translation>أُلغي قفل {name}.</translation>
    </message>
    <message>
        <source>Password for {name}: </source>
        <translation>كلمة المرور لـ {name}: </translation>
    </message>
    <message>
        <source>Added {name}, the first administrator: sign in with this password.</source>
        <translation>أُضيف {name}، المسؤول الأول: سجّل الدخول بكلمة المرور هذه.</translation>
    </message>
    <message>
        <source>Added {name} ({role}{office}); they choose their own password at the first sign-in.</source>
        <translation>أُضيف {name} ({role}{office})؛ سيختار كلمة مروره عند أول تسجيل دخول.</translation>
    </message>
    <message>
        <source>No terminal to type the password in: pass --password-stdin and give the password as one line on standard input.</source>
        <translation>لا توجد طرفية لكتابة كلمة المرور: أعطِ --password-stdin وأدخل كلمة المرور سطرًا واحدًا عبر الإدخال القياسي.</translation>
    </message>
    <message>
        <source>The same password again: </source>
        <translation>كلمة المرور نفسها مرة أخرى: </translation>
    </message>
    <message>
        <source>{name}: {role}, office {office}, {full_name}.</source>
        <translation>{name}: {role}، المكتب {office}، {full_name}.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <source>no</source>
        <translation>لا</translation>
    </message>
    <message>
        <source>check the database and its files</source>
        <translation>فحص قاعدة البيانات وملفاتها</translation>
    </message>
    <message>
        <source>back up and upgrade the database schema</source>
        <translation>نسخ قاعدة البيانات احتياطيًا وترقية مخططها</translation>
    </message>
    <message>
        <source>back up the database and its photos</source>
        <translation>نسخ قاعدة البيانات وصورها احتياطيًا</translation>
    </message>
    <message>
        <source>write one .zip archive here (for a USB stick) instead of an automatic snapshot</source>
        <translation>كتابة أرشيف ‎.zip واحد هنا (لذاكرة USB) بدلًا من لقطة تلقائية</translation>
    </message>
    <message>
        <source>replace the database with a backup</source>
        <translation>استبدال قاعدة البيانات بنسخة احتياطية</translation>
    </message>
    <message>
        <source>a .zip archive or an automatic snapshot (.db)</source>
        <translation>أرشيف ‎.zip أو لقطة تلقائية (‎.db)</translation>
    </message>
    <message>
        <source>encrypt a database from before encryption (the GUI does it at its first start) and print its recovery key once</source>
        <translation>يشفّر قاعدة بيانات من قبل التشفير (تفعل الواجهة ذلك عند أول تشغيل) ويطبع مفتاح استردادها مرة واحدة</translation>
    </message>
    <message numerus="yes">
        <source>{done}/%n dwellings</source>
        <translation>
            <numerusform>⁨{done}⁩/0 مسكن</numerusform>
            <numerusform>⁨{done}⁩/مسكن واحد</numerusform>
            <numerusform>⁨{done}⁩/مسكنين</numerusform>
            <numerusform>⁨{done}⁩/⁨%n⁩ مساكن</numerusform>
            <numerusform>⁨{done}⁩/⁨%n⁩ مسكنًا</numerusform>
            <numerusform>⁨{done}⁩/⁨%n⁩ مسكن</numerusform>
        </translation>
    </message>
    <message>
        <source>Created {dwellings}, {families} and {lessors} in {offices} in {seconds:.1f} s ({db}).</source>
        <translation>أُنشئ {dwellings} و{families} و{lessors} في {offices} خلال ⁨{seconds:.1f}⁩ ث (⁦{db}⁩).</translation>
    </message>
    <message numerus="yes">
        <source>%n dwellings</source>
        <translation>
            <numerusform>لا مساكن</numerusform>
            <numerusform>مسكن واحد</numerusform>
            <numerusform>مسكنان</numerusform>
            <numerusform>⁨%n⁩ مساكن</numerusform>
            <numerusform>⁨%n⁩ مسكنًا</numerusform>
            <numerusform>⁨%n⁩ مسكن</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n households</source>
        <translation>
            <numerusform>لا أسر</numerusform>
            <numerusform>أسرة واحدة</numerusform>
            <numerusform>أسرتان</numerusform>
            <numerusform>⁨%n⁩ أسر</numerusform>
            <numerusform>⁨%n⁩ أسرةً</numerusform>
            <numerusform>⁨%n⁩ أسرة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n landlords</source>
        <translation>
            <numerusform>لا مؤجرين</numerusform>
            <numerusform>مؤجر واحد</numerusform>
            <numerusform>مؤجران</numerusform>
            <numerusform>⁨%n⁩ مؤجرين</numerusform>
            <numerusform>⁨%n⁩ مؤجرًا</numerusform>
            <numerusform>⁨%n⁩ مؤجر</numerusform>
        </translation>
    </message>
    <message>
        <source>Wrote {path} ({size:.1f} MB, {photos}) in {seconds:.1f} s.</source>
        <translation>تمت كتابة ⁦{path}⁩ (⁨{size:.1f}⁩ ميغابايت، {photos}) خلال ⁨{seconds:.1f}⁩ ث.</translation>
    </message>
    <message numerus="yes">
        <source>%n photos copied</source>
        <translation>
            <numerusform>لم تُنسخ أي صورة</numerusform>
            <numerusform>نُسخت صورة واحدة</numerusform>
            <numerusform>نُسخت صورتان</numerusform>
            <numerusform>نُسخت ⁨%n⁩ صور</numerusform>
            <numerusform>نُسخت ⁨%n⁩ صورةً</numerusform>
            <numerusform>نُسخت ⁨%n⁩ صورة</numerusform>
        </translation>
    </message>
    <message>
        <source>{db} is not a database file from before encryption; nothing was changed.</source>
        <translation>{db} ليس ملف قاعدة بيانات من قبل التشفير؛ لم يُغيَّر شيء.</translation>
    </message>
    <message>
        <source>Encrypted {db}. Its recovery key, shown only this once: keep it locked away from the computer.</source>
        <translation>شُفّرت {db}. مفتاح استردادها يُعرض هذه المرة فقط: احفظه في مكان مقفل بعيدًا عن الحاسوب.</translation>
    </message>
    <message>
        <source>import photos onto a dwelling; one line per file</source>
        <translation>استيراد صور إلى مسكن؛ سطر واحد لكل ملف</translation>
    </message>
    <message>
        <source>the dwelling, e.g. GAZ-D-000123</source>
        <translation>المسكن، مثل GAZ-D-000123</translation>
    </message>
    <message>
        <source>photo files, or folders of photos</source>
        <translation>ملفات صور، أو مجلدات صور</translation>
    </message>
    <message>
        <source>the stage the photos show (default: before)</source>
        <translation>المرحلة التي تُظهرها الصور (الافتراضي: before)</translation>
    </message>
    <message>
        <source>{imported}, {duplicates}, {refused}, {skipped}.</source>
        <translation>{imported}، {duplicates}، {refused}، {skipped}.</translation>
    </message>
    <message numerus="yes">
        <source>%n duplicates</source>
        <translation>
            <numerusform>لا مكررات</numerusform>
            <numerusform>مكررة واحدة</numerusform>
            <numerusform>مكررتان</numerusform>
            <numerusform>⁨%n⁩ مكررات</numerusform>
            <numerusform>⁨%n⁩ مكررةً</numerusform>
            <numerusform>⁨%n⁩ مكررة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photos refused</source>
        <translation>
            <numerusform>لم تُرفض أي صورة</numerusform>
            <numerusform>رُفضت صورة واحدة</numerusform>
            <numerusform>رُفضت صورتان</numerusform>
            <numerusform>رُفضت ⁨%n⁩ صور</numerusform>
            <numerusform>رُفضت ⁨%n⁩ صورةً</numerusform>
            <numerusform>رُفضت ⁨%n⁩ صورة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not imported</source>
        <translation>
            <numerusform>لا صور دون استيراد</numerusform>
            <numerusform>صورة واحدة لم تُستورد</numerusform>
            <numerusform>صورتان لم تُستوردا</numerusform>
            <numerusform>⁨%n⁩ صور لم تُستورد</numerusform>
            <numerusform>⁨%n⁩ صورةً لم تُستورد</numerusform>
            <numerusform>⁨%n⁩ صورة لم تُستورد</numerusform>
        </translation>
    </message>
    <message>
        <source>print a document to a PDF file</source>
        <translation>طباعة مستند إلى ملف PDF</translation>
    </message>
    <message>
        <source>a bill of quantities (by its reference, or a dwelling&apos;s for its newest revision)</source>
        <translation>جدول كميات (برقمه المرجعي، أو برقم المسكن لأحدث مراجعة)</translation>
    </message>
    <message>
        <source>e.g. GAZ-D-000123-B1 or GAZ-D-000123</source>
        <translation>مثل GAZ-D-000123-B1 أو GAZ-D-000123</translation>
    </message>
    <message>
        <source>the file to write</source>
        <translation>الملف المراد كتابته</translation>
    </message>
    <message>
        <source>add the English descriptions</source>
        <translation>إضافة الأوصاف بالإنجليزية</translation>
    </message>
    <message>
        <source>a cash-for-work timesheet</source>
        <translation>كشف دوام للنقد مقابل العمل</translation>
    </message>
    <message>
        <source>e.g. GAZ-D-000123-T01</source>
        <translation>مثل GAZ-D-000123-T01</translation>
    </message>
    <message>
        <source>a landlord agreement, Turkish with its translation</source>
        <translation>اتفاقية مؤجر، بالتركية مع ترجمتها</translation>
    </message>
    <message>
        <source>e.g. GAZ-2026-0042</source>
        <translation>مثل GAZ-2026-0042</translation>
    </message>
    <message>
        <source>many landlord agreements, one PDF each, with progress on stderr</source>
        <translation>اتفاقيات مؤجرين عديدة، ملف PDF لكل منها، مع عرض التقدّم على stderr</translation>
    </message>
    <message>
        <source>the folder to write NUMBER.pdf files into</source>
        <translation>المجلد الذي تُكتب فيه ملفات NUMBER.pdf</translation>
    </message>
    <message>
        <source>only agreements with this status</source>
        <translation>الاتفاقيات بهذه الحالة فقط</translation>
    </message>
    <message>
        <source>the languages (default: the agreement&apos;s own, usually tr+ar)</source>
        <translation>اللغات (الافتراضي: لغات الاتفاقية نفسها، عادةً tr+ar)</translation>
    </message>
    <message>
        <source>export data for finance</source>
        <translation>تصدير البيانات للمالية</translation>
    </message>
    <message>
        <source>the cash-for-work payment list of a month (every batch built for it)</source>
        <translation>قائمة مدفوعات النقد مقابل العمل لشهر واحد (كل الدفعات المُعدّة له)</translation>
    </message>
    <message>
        <source>CSV: only bank (IBAN) or only PTT payments (default: both)</source>
        <translation>CSV: مدفوعات المصرف (IBAN) فقط أو مدفوعات PTT فقط (الافتراضي: كلاهما)</translation>
    </message>
    <message numerus="yes">
        <source>Wrote {number} (%n lines) to {path}.</source>
        <translation>
            <numerusform>تمت كتابة ⁨{number}⁩ (لا أسطر) في ⁦{path}⁩.</numerusform>
            <numerusform>تمت كتابة ⁨{number}⁩ (سطر واحد) في ⁦{path}⁩.</numerusform>
            <numerusform>تمت كتابة ⁨{number}⁩ (سطران) في ⁦{path}⁩.</numerusform>
            <numerusform>تمت كتابة ⁨{number}⁩ (⁨%n⁩ أسطر) في ⁦{path}⁩.</numerusform>
            <numerusform>تمت كتابة ⁨{number}⁩ (⁨%n⁩ سطرًا) في ⁦{path}⁩.</numerusform>
            <numerusform>تمت كتابة ⁨{number}⁩ (⁨%n⁩ سطر) في ⁦{path}⁩.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote {contracts} to {path}; %n could not be printed.</source>
        <translation>
            <numerusform>تمت كتابة {contracts} في ⁦{path}⁩؛ ولم تتعذّر طباعة أي عقد.</numerusform>
            <numerusform>تمت كتابة {contracts} في ⁦{path}⁩؛ وتعذّرت طباعة عقد واحد.</numerusform>
            <numerusform>تمت كتابة {contracts} في ⁦{path}⁩؛ وتعذّرت طباعة عقدين.</numerusform>
            <numerusform>تمت كتابة {contracts} في ⁦{path}⁩؛ وتعذّرت طباعة ⁨%n⁩ عقود.</numerusform>
            <numerusform>تمت كتابة {contracts} في ⁦{path}⁩؛ وتعذّرت طباعة ⁨%n⁩ عقدًا.</numerusform>
            <numerusform>تمت كتابة {contracts} في ⁦{path}⁩؛ وتعذّرت طباعة ⁨%n⁩ عقد.</numerusform>
        </translation>
    </message>
    <message>
        <source>Wrote {number} ({workers}, {entries}) to {path}.</source>
        <translation>تمت كتابة ⁨{number}⁩ ({workers}، {entries}) في ⁦{path}⁩.</translation>
    </message>
    <message>
        <source>the dwelling&apos;s photos by what they show (each kind of work, water and sanitation, electricity, heating), before beside after, on pages of their own</source>
        <translation>صور المسكن بحسب ما تُظهره (كل نوع من الأعمال، والمياه والصرف الصحي، والكهرباء، والتدفئة)، قبل وبعد جنبًا إلى جنب، في صفحات مستقلة</translation>
    </message>
    <message numerus="yes">
        <source>%n workers</source>
        <translation>
            <numerusform>لا عمال</numerusform>
            <numerusform>عامل واحد</numerusform>
            <numerusform>عاملان</numerusform>
            <numerusform>⁨%n⁩ عمال</numerusform>
            <numerusform>⁨%n⁩ عاملًا</numerusform>
            <numerusform>⁨%n⁩ عامل</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>لا قيود</numerusform>
            <numerusform>قيد واحد</numerusform>
            <numerusform>قيدان</numerusform>
            <numerusform>⁨%n⁩ قيود</numerusform>
            <numerusform>⁨%n⁩ قيدًا</numerusform>
            <numerusform>⁨%n⁩ قيد</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n contracts</source>
        <translation>
            <numerusform>لا عقود</numerusform>
            <numerusform>عقد واحد</numerusform>
            <numerusform>عقدان</numerusform>
            <numerusform>⁨%n⁩ عقود</numerusform>
            <numerusform>⁨%n⁩ عقدًا</numerusform>
            <numerusform>⁨%n⁩ عقد</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No payment batch has been built for {period} (%n approved timesheets wait); a supervisor builds it in the Cash-for-work screen.</source>
        <translation>
            <numerusform>لم تُعَدّ أي دفعة مدفوعات للفترة ⁨{period}⁩ (لا كشوف دوام معتمدة بالانتظار)؛ يُعدّها المشرف في شاشة النقد مقابل العمل.</numerusform>
            <numerusform>لم تُعَدّ أي دفعة مدفوعات للفترة ⁨{period}⁩ (كشف دوام معتمد واحد بالانتظار)؛ يُعدّها المشرف في شاشة النقد مقابل العمل.</numerusform>
            <numerusform>لم تُعَدّ أي دفعة مدفوعات للفترة ⁨{period}⁩ (كشفا دوام معتمدان بالانتظار)؛ يُعدّها المشرف في شاشة النقد مقابل العمل.</numerusform>
            <numerusform>لم تُعَدّ أي دفعة مدفوعات للفترة ⁨{period}⁩ (⁨%n⁩ كشوف دوام معتمدة بالانتظار)؛ يُعدّها المشرف في شاشة النقد مقابل العمل.</numerusform>
            <numerusform>لم تُعَدّ أي دفعة مدفوعات للفترة ⁨{period}⁩ (⁨%n⁩ كشفَ دوام معتمدًا بالانتظار)؛ يُعدّها المشرف في شاشة النقد مقابل العمل.</numerusform>
            <numerusform>لم تُعَدّ أي دفعة مدفوعات للفترة ⁨{period}⁩ (⁨%n⁩ كشف دوام معتمد بالانتظار)؛ يُعدّها المشرف في شاشة النقد مقابل العمل.</numerusform>
        </translation>
    </message>
    <message>
        <source>Wrote {lines} of {batches}, total {total}, to {path}.</source>
        <translation>تمت كتابة {lines} من {batches}، بمجموع ⁨{total}⁩، في ⁦{path}⁩.</translation>
    </message>
    <message numerus="yes">
        <source>%n payment lines</source>
        <translation>
            <numerusform>لا أسطر دفع</numerusform>
            <numerusform>سطر دفع واحد</numerusform>
            <numerusform>سطرا دفع</numerusform>
            <numerusform>⁨%n⁩ أسطر دفع</numerusform>
            <numerusform>⁨%n⁩ سطرًا للدفع</numerusform>
            <numerusform>⁨%n⁩ سطر دفع</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n batches</source>
        <translation>
            <numerusform>لا دفعات</numerusform>
            <numerusform>دفعة واحدة</numerusform>
            <numerusform>دفعتين</numerusform>
            <numerusform>⁨%n⁩ دفعات</numerusform>
            <numerusform>⁨%n⁩ دفعةً</numerusform>
            <numerusform>⁨%n⁩ دفعة</numerusform>
        </translation>
    </message>
    <message>
        <source>export or erase one person&apos;s data (KVKK)</source>
        <translation>تصدير بيانات شخص واحد أو محوها (KVKK)</translation>
    </message>
    <message>
        <source>write everything held on one person to a JSON file</source>
        <translation>كتابة كل ما هو محفوظ عن شخص واحد في ملف JSON</translation>
    </message>
    <message>
        <source>pseudonymise one person: names, ID numbers, phones and IBANs are removed</source>
        <translation>إخفاء هوية شخص واحد: تُزال الأسماء وأرقام الهوية والهواتف وأرقام IBAN</translation>
    </message>
    <message>
        <source>the person&apos;s reference, e.g. GAZ-H-000123</source>
        <translation>الرقم المرجعي للشخص، مثل GAZ-H-000123</translation>
    </message>
    <message>
        <source>why, for the audit trail</source>
        <translation>السبب، لسجل التدقيق</translation>
    </message>
    <message>
        <source>a short note beside the reason (needed with `other`); the person&apos;s name and numbers are removed from it</source>
        <translation>ملاحظة قصيرة بجانب السبب (لازمة مع `other`)؛ يُحذف منها اسم الشخص وأرقامه</translation>
    </message>
    <message>
        <source>list people whose retention period has ended</source>
        <translation>عرض الأشخاص الذين انتهت مدة الاحتفاظ ببياناتهم</translation>
    </message>
    <message>
        <source>Records that break a case rule (left as they are):</source>
        <translation>سجلات تخالف قاعدة من قواعد الحالة (تُركت كما هي):</translation>
    </message>
    <message>
        <source>{db}: no problems found.</source>
        <translation>⁦{db}⁩: لم يُعثر على مشكلات.</translation>
    </message>
    <message>
        <source>{db} is at schema {revision}.</source>
        <translation>⁦{db}⁩ على المخطط ⁨{revision}⁩.</translation>
    </message>
    <message>
        <source>Wrote {kind} {ref} to {path}; linked records: {records}, audit events: {events}.</source>
        <translation>تمت كتابة ⁨{kind}⁩ ⁨{ref}⁩ في ⁦{path}⁩؛ السجلات المرتبطة: ⁨{records}⁩، أحداث التدقيق: ⁨{events}⁩.</translation>
    </message>
    <message>
        <source>Pseudonymised {kind} {ref} as &quot;{name}&quot;; people: {people}, dwellings reindexed: {dwellings}, audit events scrubbed: {events}.</source>
        <translation>أُخفيت هوية ⁨{kind}⁩ ⁨{ref}⁩ باسم &quot;⁨{name}⁩&quot;؛ الأشخاص: ⁨{people}⁩، المساكن المُعاد فهرستها: ⁨{dwellings}⁩، أحداث التدقيق المنقّاة: ⁨{events}⁩.</translation>
    </message>
    <message>
        <source>No one is due for erasure.</source>
        <translation>لا يوجد أحد مستحق للمحو.</translation>
    </message>
    <message>
        <source>Nothing changed since the backup {path}; no new snapshot ({seconds:.2f} s).</source>
        <translation>لم يتغيّر شيء منذ النسخة الاحتياطية ⁦{path}⁩؛ لا لقطة جديدة (⁨{seconds:.2f}⁩ ث).</translation>
    </message>
    <message>
        <source>Removed the old snapshot {path}.</source>
        <translation>أُزيلت اللقطة القديمة ⁦{path}⁩.</translation>
    </message>
    <message>
        <source>restore replaces a SQLite database file; {db} is not one.</source>
        <translation>يستبدل restore ملف قاعدة بيانات SQLite؛ و⁦{db}⁩ ليس كذلك.</translation>
    </message>
    <message>
        <source>Restored {target} from {source} (backup made {created}).</source>
        <translation>تمت استعادة ⁦{target}⁩ من ⁦{source}⁩ (النسخة الاحتياطية مُنشأة في ⁨{created}⁩).</translation>
    </message>
    <message>
        <source>The replaced database was kept as {path}.</source>
        <translation>حُفظت قاعدة البيانات المستبدَلة باسم ⁦{path}⁩.</translation>
    </message>
    <message>
        <source>Wrote {number} ({languages}) to {path}.</source>
        <translation>تمت كتابة ⁨{number}⁩ (⁨{languages}⁩) في ⁦{path}⁩.</translation>
    </message>
    <message>
        <source>(warning: {warning})</source>
        <translation>(تحذير: ⁨{warning}⁩)</translation>
    </message>
    <message>
        <source>import households, dwellings, landlords, workers, assessments or whole cases (a household, its dwelling and landlord per row) from XLSX, CSV or a KoboToolbox/ODK export</source>
        <translation>استيراد الأسر أو المساكن أو المؤجرين أو العمال أو التقييمات أو حالات كاملة (أسرة ومسكنها ومؤجره في كل صف) من XLSX أو CSV أو من ملف مُصدَّر من KoboToolbox/ODK</translation>
    </message>
    <message>
        <source>the .xlsx or .csv file</source>
        <translation>ملف ‎.xlsx أو ‎.csv</translation>
    </message>
    <message>
        <source>what the rows are</source>
        <translation>نوع السجلات في الصفوف</translation>
    </message>
    <message>
        <source>a mapping file saved from the import dialog (default: columns matched by name)</source>
        <translation>ملف مطابقة محفوظ من نافذة الاستيراد (الافتراضي: مطابقة الأعمدة حسب أسمائها)</translation>
    </message>
    <message>
        <source>check every row and print the counts, but save nothing</source>
        <translation>التحقق من كل صف وطباعة الأعداد، دون حفظ أي شيء</translation>
    </message>
    <message>
        <source>write the rows not imported, with the reason, to this .csv or .xlsx file</source>
        <translation>كتابة الصفوف التي لم تُستورد، مع السبب، في ملف ‎.csv أو ‎.xlsx هذا</translation>
    </message>
    <message>
        <source>update records already registered (default: skip them)</source>
        <translation>تحديث السجلات المسجَّلة مسبقًا (الافتراضي: تخطّيها)</translation>
    </message>
    <message>
        <source>import nothing when any row is rejected</source>
        <translation>عدم استيراد أي شيء إذا رُفض أي صف</translation>
    </message>
    <message>
        <source>import rows whose values the form would ask to confirm</source>
        <translation>استيراد الصفوف التي قد يطلب النموذج تأكيد قيمها</translation>
    </message>
    <message>
        <source>a supervisor who confirms the rows whose ID number is on other records (asked for their password; needs --reason)</source>
        <translation>المشرف الذي يؤكّد الصفوف التي يوجد رقم هويتها في سجلات أخرى (تُطلب كلمة مروره؛ يلزم --reason)</translation>
    </message>
    <message>
        <source>why the supervisor confirms those rows (kept in the audit trail)</source>
        <translation>سبب تأكيد المشرف لهذه الصفوف (يُحفظ في سجل التدقيق)</translation>
    </message>
    <message>
        <source>the folder of the export&apos;s photos (default: beside the file)</source>
        <translation>مجلد صور الملف المُصدَّر (الافتراضي: بجانب الملف)</translation>
    </message>
    <message>
        <source>the office new records belong to, e.g. GAZ (needed with several offices)</source>
        <translation>المكتب الذي تتبع له السجلات الجديدة، مثل GAZ (مطلوب عند وجود عدة مكاتب)</translation>
    </message>
    <message>
        <source>the direction of the form&apos;s condition scale in numbers: worst-first when its 1 is the worst state (very poor), best-first when it is the best; needed for a Kobo/ODK export whose scale is numbers, unless the mapping file maps them</source>
        <translation>اتجاه مقياس الحالة في النموذج بالأرقام: worst-first إذا كان 1 هو أسوأ حالة (سيئة جدًا)، وbest-first إذا كان أفضلها؛ مطلوب لملف مُصدَّر من Kobo/ODK مقياسه أرقام، ما لم يربطها ملف المطابقة</translation>
    </message>
    <message>
        <source>the workbook&apos;s sheet to import (default: the first)</source>
        <translation>ورقة المصنف المراد استيرادها (الافتراضي: الأولى)</translation>
    </message>
    <message>
        <source>the CSV&apos;s text encoding, e.g. cp1254 or utf-8 (default: detected)</source>
        <translation>ترميز نص ملف CSV، مثل cp1254 أو utf-8 (الافتراضي: يُكتشف تلقائيًا)</translation>
    </message>
    <message>
        <source>the CSV&apos;s separator, e.g. &apos;;&apos; (default: detected)</source>
        <translation>فاصل ملف CSV، مثل &apos;;&apos; (الافتراضي: يُكتشف تلقائيًا)</translation>
    </message>
    <message>
        <source>from the mapping file</source>
        <translation>من ملف المطابقة</translation>
    </message>
    <message>
        <source>{column} -&gt; {field} ({why})</source>
        <translation>⁨{column}⁩ -&gt; ⁨{field}⁩ (⁨{why}⁩)</translation>
    </message>
    <message>
        <source>No column of {file} gives {fields}; rename the columns or pass --mapping.</source>
        <translation>لا يوجد في ⁦{file}⁩ عمود يعطي ⁨{fields}⁩؛ أعد تسمية الأعمدة أو استخدم الخيار ‎--mapping.</translation>
    </message>
    <message>
        <source>{user}&apos;s password: </source>
        <translation>كلمة مرور ⁨{user}⁩: </translation>
    </message>
    <message>
        <source>row {row}: {message}</source>
        <translation>الصف ⁨{row}⁩: ⁨{message}⁩</translation>
    </message>
    <message>
        <source>row {row}: photo {name}: {status}</source>
        <translation>الصف ⁨{row}⁩: الصورة ⁨{name}⁩: ⁨{status}⁩</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n rows to {path}.</source>
        <translation>
            <numerusform>لم يُكتب أي صف في ⁦{path}⁩.</numerusform>
            <numerusform>كُتب صف واحد في ⁦{path}⁩.</numerusform>
            <numerusform>كُتب صفان في ⁦{path}⁩.</numerusform>
            <numerusform>كُتبت ⁨%n⁩ صفوف في ⁦{path}⁩.</numerusform>
            <numerusform>كُتب ⁨%n⁩ صفًا في ⁦{path}⁩.</numerusform>
            <numerusform>كُتب ⁨%n⁩ صف في ⁦{path}⁩.</numerusform>
        </translation>
    </message>
    <message>
        <source>Dry run: nothing was saved.</source>
        <translation>تشغيل تجريبي: لم يُحفظ أي شيء.</translation>
    </message>
    <message>
        <source>{new}, {updated}, {skipped} ({unchanged}), {rejected}; {empty}.</source>
        <translation>{new}، {updated}، {skipped} ({unchanged})، {rejected}؛ {empty}.</translation>
    </message>
    <message numerus="yes">
        <source>%n rows imported</source>
        <translation>
            <numerusform>لم يُستورد أي صف</numerusform>
            <numerusform>استُورد صف واحد</numerusform>
            <numerusform>استُورد صفان</numerusform>
            <numerusform>استُوردت ⁨%n⁩ صفوف</numerusform>
            <numerusform>استُورد ⁨%n⁩ صفًا</numerusform>
            <numerusform>استُورد ⁨%n⁩ صف</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n updated</source>
        <translation>
            <numerusform>لم يُحدَّث أي صف</numerusform>
            <numerusform>حُدِّث صف واحد</numerusform>
            <numerusform>حُدِّث صفان</numerusform>
            <numerusform>حُدِّثت ⁨%n⁩ صفوف</numerusform>
            <numerusform>حُدِّث ⁨%n⁩ صفًا</numerusform>
            <numerusform>حُدِّث ⁨%n⁩ صف</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>لم يُتخطَّ أي صف</numerusform>
            <numerusform>تُخطّي صف واحد</numerusform>
            <numerusform>تُخطّي صفان</numerusform>
            <numerusform>تُخطّيت ⁨%n⁩ صفوف</numerusform>
            <numerusform>تُخطّي ⁨%n⁩ صفًا</numerusform>
            <numerusform>تُخطّي ⁨%n⁩ صف</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unchanged</source>
        <translation>
            <numerusform>لا صفوف دون تغيير</numerusform>
            <numerusform>صف واحد دون تغيير</numerusform>
            <numerusform>صفان دون تغيير</numerusform>
            <numerusform>⁨%n⁩ صفوف دون تغيير</numerusform>
            <numerusform>⁨%n⁩ صفًا دون تغيير</numerusform>
            <numerusform>⁨%n⁩ صف دون تغيير</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejected</source>
        <translation>
            <numerusform>لم يُرفض أي صف</numerusform>
            <numerusform>رُفض صف واحد</numerusform>
            <numerusform>رُفض صفان</numerusform>
            <numerusform>رُفضت ⁨%n⁩ صفوف</numerusform>
            <numerusform>رُفض ⁨%n⁩ صفًا</numerusform>
            <numerusform>رُفض ⁨%n⁩ صف</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n empty rows ignored</source>
        <translation>
            <numerusform>لا صفوف فارغة</numerusform>
            <numerusform>تم تجاهل صف فارغ واحد</numerusform>
            <numerusform>تم تجاهل صفين فارغين</numerusform>
            <numerusform>تم تجاهل ⁨%n⁩ صفوف فارغة</numerusform>
            <numerusform>تم تجاهل ⁨%n⁩ صفًا فارغًا</numerusform>
            <numerusform>تم تجاهل ⁨%n⁩ صف فارغ</numerusform>
        </translation>
    </message>
    <message>
        <source>{imported}, {missing}.</source>
        <translation>{imported}، {missing}.</translation>
    </message>
    <message numerus="yes">
        <source>%n photos imported</source>
        <translation>
            <numerusform>لم تُستورد أي صورة</numerusform>
            <numerusform>استُوردت صورة واحدة</numerusform>
            <numerusform>استُوردت صورتان</numerusform>
            <numerusform>استُوردت ⁨%n⁩ صور</numerusform>
            <numerusform>استُوردت ⁨%n⁩ صورةً</numerusform>
            <numerusform>استُوردت ⁨%n⁩ صورة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photos not found</source>
        <translation>
            <numerusform>لا صور مفقودة</numerusform>
            <numerusform>صورة واحدة غير موجودة</numerusform>
            <numerusform>صورتان غير موجودتين</numerusform>
            <numerusform>⁨%n⁩ صور غير موجودة</numerusform>
            <numerusform>⁨%n⁩ صورةً غير موجودة</numerusform>
            <numerusform>⁨%n⁩ صورة غير موجودة</numerusform>
        </translation>
    </message>
    <message>
        <source>Say which office the records belong to: --office with one of {codes}.</source>
        <translation>حدّد المكتب الذي تتبع له السجلات: ‎--office مع أحد الرموز التالية: ⁨{codes}⁩.</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist; nothing was written. Create it first, or give {option} a path in an existing folder.</source>
        <translation>المجلد ⁦{folder}⁩ غير موجود؛ لم يُكتب أي شيء. أنشئه أولًا، أو أعطِ الخيار ⁦{option}⁩ مسارًا في مجلد موجود.</translation>
    </message>
    <message>
        <source>--period takes a month written YYYY-MM, e.g. 2026-11; &apos;{raw}&apos; is not one.</source>
        <translation>يأخذ الخيار ‎--period شهرًا مكتوبًا بالصيغة ⁦YYYY-MM⁩، مثل ⁦2026-11⁩؛ و&apos;⁦{raw}⁩&apos; ليس كذلك.</translation>
    </message>
    <message>
        <source>run the sync server on this database (PostgreSQL)</source>
        <translation>تشغيل خادم المزامنة على قاعدة البيانات هذه (PostgreSQL)</translation>
    </message>
    <message>
        <source>address to listen on (default 127.0.0.1; a reverse proxy faces the network)</source>
        <translation>العنوان الذي يُستمع عليه (الافتراضي 127.0.0.1؛ ويتولى وكيل عكسي مواجهة الشبكة)</translation>
    </message>
    <message>
        <source>default 8765</source>
        <translation>الافتراضي 8765</translation>
    </message>
    <message>
        <source>the folder of the photos and scans laptops send (remembered; default: the data folder&apos;s files)</source>
        <translation>مجلد الصور والمسوح التي ترسلها الحواسيب (يُحفَظ؛ الافتراضي: files في مجلد البيانات)</translation>
    </message>
    <message>
        <source>serve HTTPS with this certificate (else TLS is the proxy&apos;s)</source>
        <translation>الخدمة عبر HTTPS بهذه الشهادة (وإلا يتولى الوكيل TLS)</translation>
    </message>
    <message>
        <source>the certificate&apos;s private key</source>
        <translation>المفتاح الخاص للشهادة</translation>
    </message>
    <message>
        <source>add, list and revoke the laptops that sync with this server</source>
        <translation>إضافة الحواسيب التي تتزامن مع هذا الخادم وعرضها وإبطالها</translation>
    </message>
    <message>
        <source>add a laptop and print its one-time enrolment code</source>
        <translation>إضافة حاسوب وطباعة رمز التسجيل الخاص به الصالح لمرة واحدة</translation>
    </message>
    <message>
        <source>e.g. gaziantep-laptop-3</source>
        <translation>مثل gaziantep-laptop-3</translation>
    </message>
    <message>
        <source>the office whose records it holds (default: every office)</source>
        <translation>المكتب الذي يحمل الحاسوب سجلاته (الافتراضي: كل المكاتب)</translation>
    </message>
    <message>
        <source>list the laptops</source>
        <translation>عرض الحواسيب</translation>
    </message>
    <message>
        <source>enrol a laptop without a network: write its enrolment package for a USB stick and print the code that opens it</source>
        <translation>سجّل حاسوباً بلا شبكة: اكتب حزمة تسجيله لذاكرة USB واطبع الرمز الذي يفتحها</translation>
    </message>
    <message>
        <source>a device added with `device add`, not yet enrolled</source>
        <translation>جهاز أُضيف بـ `device add` ولم يُسجَّل بعد</translation>
    </message>
    <message>
        <source>the server&apos;s address, if the laptop may one day sync online</source>
        <translation>عنوان الخادم، إن كان الحاسوب قد يزامن عبر الشبكة يوماً ما</translation>
    </message>
    <message>
        <source>refuse a lost or retired laptop from now on</source>
        <translation>رفض حاسوب مفقود أو خارج الخدمة من الآن فصاعدًا</translation>
    </message>
    <message>
        <source>its name or mark</source>
        <translation>اسمه أو علامته</translation>
    </message>
    <message>
        <source>enrol this laptop with a sync server</source>
        <translation>تسجيل هذا الحاسوب لدى خادم مزامنة</translation>
    </message>
    <message>
        <source>the server, e.g. https://sync.example.org</source>
        <translation>الخادم، مثل https://sync.example.org</translation>
    </message>
    <message>
        <source>the one-time code from `device add`</source>
        <translation>الرمز الصالح لمرة واحدة الذي يعطيه الأمر `device add`</translation>
    </message>
    <message>
        <source>send this laptop&apos;s changes to the server and take the server&apos;s</source>
        <translation>إرسال تعديلات هذا الحاسوب إلى الخادم واستلام تعديلات الخادم</translation>
    </message>
    <message>
        <source>another address of the same server (default: the one enrolled with)</source>
        <translation>عنوان آخر للخادم نفسه (الافتراضي: العنوان الذي سُجّل الحاسوب لديه)</translation>
    </message>
    <message>
        <source>write this laptop&apos;s changes and new photos into a package for a USB stick</source>
        <translation>يكتب تغييرات هذا الحاسوب وصوره الجديدة في حزمة لذاكرة USB</translation>
    </message>
    <message numerus="yes">
        <source>%n existing records are ready to be pulled.</source>
        <translation>
            <numerusform>لا سجلات موجودة لتأخذها الحواسيب.</numerusform>
            <numerusform>سجل واحد موجود جاهز لتأخذه الحواسيب.</numerusform>
            <numerusform>سجلان موجودان جاهزان لتأخذهما الحواسيب.</numerusform>
            <numerusform>⁨%n⁩ سجلات موجودة جاهزة لتأخذها الحواسيب.</numerusform>
            <numerusform>عدد السجلات الموجودة الجاهزة لتأخذها الحواسيب: ⁨%n⁩.</numerusform>
            <numerusform>عدد السجلات الموجودة الجاهزة لتأخذها الحواسيب: ⁨%n⁩.</numerusform>
        </translation>
    </message>
    <message>
        <source>Enrolled {name} and wrote its enrolment package to {file} ({records}, {files}, {size} MB). The code that opens it:
  {code}
Give the code apart from the USB stick. On the new laptop: shelter-app sync import FILE --code CODE, or Import enrolment package… at its first start.</source>
        <translation>سُجّل ⁨{name}⁩ وكُتبت حزمة تسجيله في {file} ({records}، {files}، ⁨{size}⁩ ميغابايت). الرمز الذي يفتحها:
  {code}
أعطِ الرمز بمعزل عن ذاكرة USB. على الحاسوب الجديد: shelter-app sync import FILE --code CODE، أو التسجيل من ذاكرة USB عند أول تشغيل.</translation>
    </message>
    <message numerus="yes">
        <source>%n records</source>
        <translation>
            <numerusform>لا سجلات</numerusform>
            <numerusform>سجل واحد</numerusform>
            <numerusform>سجلان</numerusform>
            <numerusform>⁨%n⁩ سجلات</numerusform>
            <numerusform>⁨%n⁩ سجلًا</numerusform>
            <numerusform>⁨%n⁩ سجل</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changes</source>
        <translation>
            <numerusform>لا تعديلات</numerusform>
            <numerusform>تعديل واحد</numerusform>
            <numerusform>تعديلان</numerusform>
            <numerusform>⁨%n⁩ تعديلات</numerusform>
            <numerusform>⁨%n⁩ تعديلًا</numerusform>
            <numerusform>⁨%n⁩ تعديل</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photos and scans</source>
        <translation>
            <numerusform>لا صور ولا مسوح</numerusform>
            <numerusform>ملف واحد من الصور والمسوح</numerusform>
            <numerusform>ملفان من الصور والمسوح</numerusform>
            <numerusform>⁨%n⁩ ملفات من الصور والمسوح</numerusform>
            <numerusform>⁨%n⁩ ملفًا من الصور والمسوح</numerusform>
            <numerusform>⁨%n⁩ ملف من الصور والمسوح</numerusform>
        </translation>
    </message>
    <message>
        <source>Wrote package {number} to {file}: {ops}, {files}, {size} MB. Import it where the server is reached, then bring the receipt back.</source>
        <translation>كُتبت الحزمة رقم {number} في {file}: {ops}، و{files}، {size} ميغابايت. استوردها حيث يمكن الوصول إلى الخادم، ثم أعد الإيصال.</translation>
    </message>
    <message>
        <source>the package to write</source>
        <translation>الحزمة المراد كتابتها</translation>
    </message>
    <message>
        <source>apply a laptop&apos;s package where the server is reached (writing its receipt), or, on the laptop, its receipt</source>
        <translation>يطبّق حزمة حاسوب حيث يمكن الوصول إلى الخادم (ويكتب إيصالها)، أو يطبّق إيصالها على الحاسوب نفسه</translation>
    </message>
    <message>
        <source>a package or a receipt</source>
        <translation>حزمة أو إيصال</translation>
    </message>
    <message>
        <source>where to write the receipt (default: beside the package, named …-receipt)</source>
        <translation>مكان كتابة الإيصال (الافتراضي: بجانب الحزمة باسم ‎…-receipt)</translation>
    </message>
    <message>
        <source>an enrolment package&apos;s code (a new laptop joining by USB stick)</source>
        <translation>رمز حزمة تسجيل (حاسوب جديد ينضم عبر ذاكرة USB)</translation>
    </message>
    <message>
        <source>Warning: serving a SQLite file; a programme&apos;s server runs on PostgreSQL.</source>
        <translation>تحذير: يُقدَّم ملف SQLite؛ أما خادم البرنامج فيعمل على PostgreSQL.</translation>
    </message>
    <message>
        <source>Photos and scans are kept in {folder}.</source>
        <translation>تُحفَظ الصور والمسوح في {folder}.</translation>
    </message>
    <message numerus="yes">
        <source>Logging existing records: %n so far, now {table}.</source>
        <translation>
            <numerusform>جارٍ قيد السجلات الموجودة في سجل التغييرات: لا سجلات حتى الآن، والآن ⁨{table}⁩.</numerusform>
            <numerusform>جارٍ قيد السجلات الموجودة في سجل التغييرات: سجل واحد حتى الآن، والآن ⁨{table}⁩.</numerusform>
            <numerusform>جارٍ قيد السجلات الموجودة في سجل التغييرات: سجلان حتى الآن، والآن ⁨{table}⁩.</numerusform>
            <numerusform>جارٍ قيد السجلات الموجودة في سجل التغييرات: ⁨%n⁩ سجلات حتى الآن، والآن ⁨{table}⁩.</numerusform>
            <numerusform>جارٍ قيد السجلات الموجودة في سجل التغييرات: ⁨%n⁩ سجلًا حتى الآن، والآن ⁨{table}⁩.</numerusform>
            <numerusform>جارٍ قيد السجلات الموجودة في سجل التغييرات: ⁨%n⁩ سجل حتى الآن، والآن ⁨{table}⁩.</numerusform>
        </translation>
    </message>
    <message>
        <source>Added {name} (mark {mark}). On the laptop run:
  shelter-app enrol SERVER_URL {code}</source>
        <translation>أُضيف ⁨{name}⁩ (العلامة ⁨{mark}⁩). شغّل على الحاسوب:
  shelter-app enrol SERVER_URL {code}</translation>
    </message>
    <message numerus="yes">
        <source>The code works once, for %n days.</source>
        <translation>
            <numerusform>يصلح الرمز لمرة واحدة فقط، ولمدة لا أيام.</numerusform>
            <numerusform>يصلح الرمز لمرة واحدة فقط، ولمدة يوم واحد.</numerusform>
            <numerusform>يصلح الرمز لمرة واحدة فقط، ولمدة يومين.</numerusform>
            <numerusform>يصلح الرمز لمرة واحدة فقط، ولمدة ⁨%n⁩ أيام.</numerusform>
            <numerusform>يصلح الرمز لمرة واحدة فقط، ولمدة ⁨%n⁩ يومًا.</numerusform>
            <numerusform>يصلح الرمز لمرة واحدة فقط، ولمدة ⁨%n⁩ يوم.</numerusform>
        </translation>
    </message>
    <message>
        <source>Revoked {name}: the server refuses it from now on.</source>
        <translation>أُبطل ⁨{name}⁩: سيرفضه الخادم من الآن فصاعدًا.</translation>
    </message>
    <message>
        <source>Enrolled as {name}. Run `shelter-app sync` to take the programme&apos;s records.</source>
        <translation>سُجّل باسم ⁨{name}⁩. شغّل ⁦`shelter-app sync`⁩ لاستلام سجلات البرنامج.</translation>
    </message>
    <message>
        <source>This laptop was enrolled by USB stick and knows no server address: exchange packages (sync export, sync import), or give the address with --server URL.</source>
        <translation>سُجّل هذا الحاسوب عبر ذاكرة USB ولا يعرف عنوان خادم: تبادل الحزم (sync export وsync import)، أو أعطِ العنوان بـ ‎--server URL.</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>المُرسَل</translation>
    </message>
    <message>
        <source>received</source>
        <translation>المُستلَم</translation>
    </message>
    <message>
        <source>files sent</source>
        <translation>الملفات المرسلة</translation>
    </message>
    <message>
        <source>files received</source>
        <translation>الملفات المستلمة</translation>
    </message>
    <message>
        <source>Sent {pushed} ({applied}, {conflicts}, {refused}); received {pulled}.</source>
        <translation>المُرسَل: {pushed} ({applied}، {conflicts}، {refused})؛ المُستلَم: {pulled}.</translation>
    </message>
    <message numerus="yes">
        <source>%n applied</source>
        <translation>
            <numerusform>لم يُطبَّق أي تعديل</numerusform>
            <numerusform>طُبّق تعديل واحد</numerusform>
            <numerusform>طُبّق تعديلان</numerusform>
            <numerusform>طُبّقت ⁨%n⁩ تعديلات</numerusform>
            <numerusform>طُبّق ⁨%n⁩ تعديلًا</numerusform>
            <numerusform>طُبّق ⁨%n⁩ تعديل</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in conflict</source>
        <translation>
            <numerusform>لا تعديلات في تعارض</numerusform>
            <numerusform>تعديل واحد في تعارض</numerusform>
            <numerusform>تعديلان في تعارض</numerusform>
            <numerusform>⁨%n⁩ تعديلات في تعارض</numerusform>
            <numerusform>⁨%n⁩ تعديلًا في تعارض</numerusform>
            <numerusform>⁨%n⁩ تعديل في تعارض</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused</source>
        <translation>
            <numerusform>لم يُرفض أي تعديل</numerusform>
            <numerusform>رُفض تعديل واحد</numerusform>
            <numerusform>رُفض تعديلان</numerusform>
            <numerusform>رُفضت ⁨%n⁩ تعديلات</numerusform>
            <numerusform>رُفض ⁨%n⁩ تعديلًا</numerusform>
            <numerusform>رُفض ⁨%n⁩ تعديل</numerusform>
        </translation>
    </message>
    <message>
        <source>Photos and scans: {sent} sent, {received} received, {waiting} not on the server yet.</source>
        <translation>الصور والمسوح: أُرسل {sent}، واستُلم {received}، و{waiting} ليست على الخادم بعد.</translation>
    </message>
    <message>
        <source>{file} is an enrolment package: give the code that came with it (--code CODE).</source>
        <translation>{file} حزمة تسجيل: أعطِ الرمز الذي جاء معها (‎--code CODE).</translation>
    </message>
    <message>
        <source>Enrolled as {name} with the package&apos;s records; sign in, and exchange packages with `sync export` and `sync import`.</source>
        <translation>سُجّل باسم ⁨{name}⁩ مع سجلات الحزمة؛ سجّل الدخول وتبادل الحزم بـ `sync export` و`sync import`.</translation>
    </message>
    <message>
        <source>Applied the package; wrote its receipt to {file}. Take it back to the laptop and import it there.</source>
        <translation>طُبّقت الحزمة وكُتب إيصالها في {file}. أعده إلى الحاسوب واستورده هناك.</translation>
    </message>
    <message>
        <source>the programme report (cases, money, cash-for-work, agreements, people reached) as XLSX or PDF</source>
        <translation>تقرير البرنامج (الحالات، المال، النقد مقابل العمل، الاتفاقيات، الأفراد المستفيدون) بصيغة XLSX أو PDF</translation>
    </message>
    <message>
        <source>one office only (default: every office)</source>
        <translation>مكتب واحد فقط (الافتراضي: جميع المكاتب)</translation>
    </message>
    <message>
        <source>the period&apos;s first day (default: the programme&apos;s start)</source>
        <translation>أول يوم في الفترة (الافتراضي: بداية البرنامج)</translation>
    </message>
    <message>
        <source>the period&apos;s last day (default: no end)</source>
        <translation>آخر يوم في الفترة (الافتراضي: بلا نهاية)</translation>
    </message>
    <message>
        <source>the file to write; its extension picks the format</source>
        <translation>الملف المراد كتابته؛ امتداده يحدد الصيغة</translation>
    </message>
    <message>
        <source>{option} takes a day written YYYY-MM-DD, e.g. 2026-11-30; &apos;{raw}&apos; is not one.</source>
        <translation>يأخذ {option} يوماً مكتوباً بالصيغة YYYY-MM-DD، مثل 2026-11-30؛ و&apos;{raw}&apos; ليس كذلك.</translation>
    </message>
    <message>
        <source>Wrote the programme report ({cases} in {offices}) to {path}.</source>
        <translation>كُتب تقرير البرنامج ({cases} في {offices}) في {path}.</translation>
    </message>
    <message numerus="yes">
        <source>%n cases</source>
        <translation>
            <numerusform>لا حالات</numerusform>
            <numerusform>حالة واحدة</numerusform>
            <numerusform>حالتان</numerusform>
            <numerusform>⁨%n⁩ حالات</numerusform>
            <numerusform>⁨%n⁩ حالةً</numerusform>
            <numerusform>⁨%n⁩ حالة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n offices</source>
        <translation>
            <numerusform>لا مكاتب</numerusform>
            <numerusform>مكتب واحد</numerusform>
            <numerusform>مكتبين</numerusform>
            <numerusform>⁨%n⁩ مكاتب</numerusform>
            <numerusform>⁨%n⁩ مكتبًا</numerusform>
            <numerusform>⁨%n⁩ مكتب</numerusform>
        </translation>
    </message>
    <message>
        <source>The database is encrypted: run this on a terminal to sign in, or give the recovery key in {env}.</source>
        <translation>قاعدة البيانات مشفّرة: شغّل هذا الأمر في طرفية لتسجيل الدخول، أو أعطِ مفتاح الاسترداد في المتغيّر {env}.</translation>
    </message>
    <message>
        <source>User name: </source>
        <translation>اسم المستخدم: </translation>
    </message>
    <message>
        <source>Password: </source>
        <translation>كلمة المرور: </translation>
    </message>
</context>
<context>
    <name>database</name>
    <message>
        <source>{path} is a folder; give the path of a database file.</source>
        <translation>⁦{path}⁩ مجلد؛ أدخل مسار ملف قاعدة بيانات.</translation>
    </message>
    <message>
        <source>Cannot create the folder {folder}: {reason}.</source>
        <translation>يتعذّر إنشاء المجلد ⁦{folder}⁩: ⁨{reason}⁩.</translation>
    </message>
    <message>
        <source>Cannot write to {path}: permission denied. Choose a folder you may write to (--db PATH).</source>
        <translation>تتعذّر الكتابة في ⁦{path}⁩: تم رفض الإذن. اختر مجلدًا يُسمح لك بالكتابة فيه (‎--db PATH).</translation>
    </message>
    <message>
        <source>{path} is not a Barınak database (it is not a SQLite file). It was left untouched; check the path given with --db.</source>
        <translation>⁦{path}⁩ ليس قاعدة بيانات Barınak (ليس ملف SQLite). لم يُمَسّ الملف؛ تحقّق من المسار المُعطى مع ‎--db.</translation>
    </message>
    <message>
        <source>The key does not open {path}: it belongs to another database. The file was left untouched.</source>
        <translation>المفتاح لا يفتح {path}: إنه يخص قاعدة بيانات أخرى. لم يُمسّ الملف.</translation>
    </message>
    <message>
        <source>The database {path} is damaged ({problem}). Nothing more can be saved to it; restore the latest backup.</source>
        <translation>قاعدة البيانات ⁦{path}⁩ تالفة (⁨{problem}⁩). لا يمكن حفظ أي شيء فيها بعد الآن؛ استعد أحدث نسخة احتياطية.</translation>
    </message>
    <message>
        <source>{name} holds tables but is not a Barınak database; it was left untouched.</source>
        <translation>يحتوي ⁨{name}⁩ على جداول لكنه ليس قاعدة بيانات Barınak؛ لم يُمَسّ.</translation>
    </message>
    <message>
        <source>{name} is empty, not a Barınak database; it was left untouched. Check the path given with --db, or create the database there with: shelter-app migrate</source>
        <translation>⁨{name}⁩ فارغ وليس قاعدة بيانات Barınak؛ لم يُمَسّ. تحقّق من المسار المُعطى مع ‎--db، أو أنشئ قاعدة البيانات هناك بالأمر: ‎shelter-app migrate</translation>
    </message>
    <message>
        <source>{name} was written by a newer version of Barınak (schema {revision}). Install the newer version to open it; the file was left untouched.</source>
        <translation>كُتب ⁨{name}⁩ بإصدار أحدث من Barınak (المخطط ⁨{revision}⁩). ثبّت الإصدار الأحدث لفتحه؛ لم يُمَسّ الملف.</translation>
    </message>
    <message>
        <source>The database {path} is damaged ({problem}). It was left untouched; restore the latest backup.</source>
        <translation>قاعدة البيانات ⁦{path}⁩ تالفة (⁨{problem}⁩). لم يُمَسّ الملف؛ استعد أحدث نسخة احتياطية.</translation>
    </message>
    <message>
        <source>{path} is encrypted: sign in, or give the recovery key, to open it.</source>
        <translation>{path} مشفّر: سجّل الدخول أو أعطِ مفتاح الاسترداد لفتحه.</translation>
    </message>
    <message>
        <source>There is no database at {path}; check the path.</source>
        <translation>لا توجد قاعدة بيانات في ⁦{path}⁩؛ تحقّق من المسار.</translation>
    </message>
    <message>
        <source>{target} is not a database URL; write postgresql+psycopg://USER:PASSWORD@HOST/NAME or the path of a file.</source>
        <translation>⁦{target}⁩ ليس عنوان قاعدة بيانات (URL)؛ اكتب ⁦postgresql+psycopg://USER:PASSWORD@HOST/NAME⁩ أو مسار ملف.</translation>
    </message>
    <message>
        <source>The database driver for {scheme} is not installed ({reason}); use postgresql+psycopg://USER:PASSWORD@HOST/NAME.</source>
        <translation>برنامج تشغيل قاعدة البيانات لـ ⁦{scheme}⁩ غير مثبّت (⁦{reason}⁩)؛ استخدم ⁦postgresql+psycopg://USER:PASSWORD@HOST/NAME⁩.</translation>
    </message>
    <message>
        <source>Cannot reach the database server of {name} ({reason}); check the host and port, and that the server runs.</source>
        <translation>تعذّر الوصول إلى خادم قاعدة البيانات ⁨{name}⁩ (⁦{reason}⁩)؛ تحقّق من اسم المضيف والمنفذ ومن أن الخادم يعمل.</translation>
    </message>
    <message>
        <source>The database server refused the user name or password of {name}; check them.</source>
        <translation>رفض خادم قاعدة البيانات اسم المستخدم أو كلمة المرور في ⁨{name}⁩؛ تحقّق منهما.</translation>
    </message>
    <message>
        <source>The database server of {name} has no database named {database}; check the name, or create it (createdb).</source>
        <translation>لا توجد على خادم قاعدة البيانات ⁨{name}⁩ قاعدة بيانات باسم ⁨{database}⁩؛ تحقّق من الاسم أو أنشئها (createdb).</translation>
    </message>
    <message>
        <source>Cannot open {name}: {reason}.</source>
        <translation>تعذّر فتح ⁨{name}⁩: ⁦{reason}⁩.</translation>
    </message>
    <message>
        <source>The key file {path} is missing or damaged: the database cannot be unlocked without it. Restore it from a backup.</source>
        <translation>ملف المفاتيح {path} مفقود أو تالف: لا يمكن فتح قاعدة البيانات من دونه. استعِده من نسخة احتياطية.</translation>
    </message>
    <message>
        <source>This recovery key does not open the database; check it letter by letter.</source>
        <translation>مفتاح الاسترداد هذا لا يفتح قاعدة البيانات؛ تحقّق منه حرفًا حرفًا.</translation>
    </message>
    <message>
        <source>Only a database file on this computer is unlocked with a password.</source>
        <translation>لا يُفتح بكلمة المرور إلا ملف قاعدة بيانات على هذا الحاسوب.</translation>
    </message>
    <message>
        <source>Only a database file on this computer is unlocked with a recovery key.</source>
        <translation>لا يُفتح بمفتاح الاسترداد إلا ملف قاعدة بيانات على هذا الحاسوب.</translation>
    </message>
    <message>
        <source>This database is not encrypted; it has no recovery key.</source>
        <translation>قاعدة البيانات هذه غير مشفّرة؛ ليس لها مفتاح استرداد.</translation>
    </message>
    <message>
        <source>Encrypting {path} failed ({problem}); the database was left as it was.</source>
        <translation>تعذّر تشفير {path} ({problem})؛ تُركت قاعدة البيانات كما كانت.</translation>
    </message>
    <message>
        <source>This laptop&apos;s copy of the data was erased.</source>
        <translation>مُحيت نسخة البيانات على هذا الحاسوب المحمول.</translation>
    </message>
</context>
<context>
    <name>demo</name>
    <message>
        <source>--size must be at least 1.</source>
        <translation>يجب ألا تقل قيمة ‎--size عن 1.</translation>
    </message>
    <message numerus="yes">
        <source>The database already holds %n dwellings; demo data only goes into an empty database. Use --db to name a new file.</source>
        <translation>
            <numerusform>تحتوي قاعدة البيانات بالفعل على ⁨%n⁩ مسكن؛ لا تُضاف البيانات التجريبية إلا إلى قاعدة بيانات فارغة. استخدم ‎--db لتسمية ملف جديد.</numerusform>
            <numerusform>تحتوي قاعدة البيانات بالفعل على مسكن واحد؛ لا تُضاف البيانات التجريبية إلا إلى قاعدة بيانات فارغة. استخدم ‎--db لتسمية ملف جديد.</numerusform>
            <numerusform>تحتوي قاعدة البيانات بالفعل على مسكنين؛ لا تُضاف البيانات التجريبية إلا إلى قاعدة بيانات فارغة. استخدم ‎--db لتسمية ملف جديد.</numerusform>
            <numerusform>تحتوي قاعدة البيانات بالفعل على ⁨%n⁩ مساكن؛ لا تُضاف البيانات التجريبية إلا إلى قاعدة بيانات فارغة. استخدم ‎--db لتسمية ملف جديد.</numerusform>
            <numerusform>تحتوي قاعدة البيانات بالفعل على ⁨%n⁩ مسكنًا؛ لا تُضاف البيانات التجريبية إلا إلى قاعدة بيانات فارغة. استخدم ‎--db لتسمية ملف جديد.</numerusform>
            <numerusform>تحتوي قاعدة البيانات بالفعل على ⁨%n⁩ مسكن؛ لا تُضاف البيانات التجريبية إلا إلى قاعدة بيانات فارغة. استخدم ‎--db لتسمية ملف جديد.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>duplicates</name>
    <message>
        <source>reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>Enter the user name of the supervisor who confirms.</source>
        <translation>أدخل اسم المستخدم للمشرف الذي يؤكد.</translation>
    </message>
    <message>
        <source>{name} is not a supervisor; a supervisor must confirm.</source>
        <translation>⁨{name}⁩ ليس مشرفًا؛ يجب أن يؤكد مشرف.</translation>
    </message>
    <message>
        <source>Same ID as another record, confirmed by supervisor {name}: {reason}</source>
        <translation>رقم الهوية نفسه في سجل آخر، أكّده المشرف ⁨{name}⁩: ⁨{reason}⁩</translation>
    </message>
</context>
<context>
    <name>dwelling</name>
    <message>
        <source>Apartment flat</source>
        <translation>شقة في بناية</translation>
    </message>
    <message>
        <source>Detached house</source>
        <translation>منزل مستقل</translation>
    </message>
    <message>
        <source>Basement flat</source>
        <translation>شقة في القبو</translation>
    </message>
    <message>
        <source>Annex or outbuilding</source>
        <translation>ملحق أو مبنى خارجي</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>أخرى</translation>
    </message>
    <message>
        <source>The floor area must be more than 0 m²; &apos;{raw}&apos; cannot be right.</source>
        <translation>يجب أن تكون مساحة الأرضية أكبر من 0 m²؛ لا يمكن أن تكون &apos;⁨{raw}⁩&apos; صحيحة.</translation>
    </message>
    <message>
        <source>A floor area of {raw} m² is more than any rented family dwelling ({most} m² at most); check for a typing error, e.g. a missing decimal comma.</source>
        <translation>مساحة أرضية قدرها ⁨{raw}⁩ m² أكبر من أي مسكن عائلي مستأجَر (⁨{most}⁩ m² على الأكثر)؛ تحقّق من عدم وجود خطأ في الكتابة، مثل فاصلة عشرية ناقصة.</translation>
    </message>
    <message>
        <source>Enter the number of rooms as a whole number from 1 to {most}; &apos;{raw}&apos; is not one.</source>
        <translation>أدخل عدد الغرف عددًا صحيحًا من 1 إلى ⁨{most}⁩؛ &apos;⁨{raw}⁩&apos; ليس كذلك.</translation>
    </message>
    <message>
        <source>The position {lat}, {lon} is outside Türkiye. Check that latitude (about 36–42) and longitude (about 26–45) are not swapped or mistyped.</source>
        <translation>الموقع ⁨{lat}⁩، ⁨{lon}⁩ خارج تركيا. تحقّق من أن خط العرض (نحو 36–42) وخط الطول (نحو 26–45) غير متبادلين أو مكتوبين خطأً.</translation>
    </message>
    <message>
        <source>Enter both latitude and longitude, or neither.</source>
        <translation>أدخل خط العرض وخط الطول معًا، أو لا تدخل أيًا منهما.</translation>
    </message>
    <message>
        <source>&apos;{raw}&apos; is not a {name} in decimal degrees (from -{limit} to {limit}).</source>
        <translation>&apos;⁨{raw}⁩&apos; ليس ⁨{name}⁩ بالدرجات العشرية (من ‎-⁨{limit}⁩ إلى ⁨{limit}⁩).</translation>
    </message>
    <message>
        <source>latitude</source>
        <translation>خط عرض</translation>
    </message>
    <message>
        <source>longitude</source>
        <translation>خط طول</translation>
    </message>
</context>
<context>
    <name>dwellings</name>
    <message>
        <source>province</source>
        <translation>الولاية</translation>
    </message>
    <message>
        <source>district</source>
        <translation>المنطقة</translation>
    </message>
    <message>
        <source>neighbourhood (mahalle)</source>
        <translation>الحي (mahalle)</translation>
    </message>
    <message>
        <source>street</source>
        <translation>الشارع</translation>
    </message>
    <message>
        <source>building number</source>
        <translation>رقم البناء</translation>
    </message>
    <message>
        <source>flat number</source>
        <translation>رقم الشقة</translation>
    </message>
    <message>
        <source>Choose the type of dwelling.</source>
        <translation>اختر نوع المسكن.</translation>
    </message>
    <message>
        <source>Choose whether the landlord is a person or a company.</source>
        <translation>اختر ما إذا كان المؤجر شخصًا أم شركة.</translation>
    </message>
    <message>
        <source>landlord&apos;s name</source>
        <translation>اسم المؤجر</translation>
    </message>
    <message>
        <source>landlord&apos;s address</source>
        <translation>عنوان المؤجر</translation>
    </message>
    <message>
        <source>No landlord {ref} exists; check the reference or enter a new landlord&apos;s name.</source>
        <translation>لا يوجد مؤجر ⁨{ref}⁩؛ تحقّق من الرقم المرجعي أو أدخل اسم مؤجر جديد.</translation>
    </message>
    <message>
        <source>The landlord and the head of household have the same ID number; the programme supports tenants, not owners.</source>
        <translation>للمؤجر ولرب الأسرة رقم الهوية نفسه؛ يدعم البرنامج المستأجرين لا المؤجرين.</translation>
    </message>
    <message>
        <source>This tax number is already registered as landlord {refs}; enter that reference instead of registering the company again.</source>
        <translation>هذا الرقم الضريبي مسجَّل بالفعل للمؤجر ⁨{refs}⁩؛ أدخل ذلك الرقم المرجعي بدلًا من تسجيل الشركة مرة أخرى.</translation>
    </message>
    <message>
        <source>No landlord {ref} exists; check the reference.</source>
        <translation>لا يوجد مؤجر ⁨{ref}⁩؛ تحقّق من الرقم المرجعي.</translation>
    </message>
    <message>
        <source>No dwelling {ref} exists; check the reference.</source>
        <translation>لا يوجد مسكن ⁨{ref}⁩؛ تحقّق من الرقم المرجعي.</translation>
    </message>
    <message numerus="yes">
        <source>%n people, {nationality}</source>
        <translation>
            <numerusform>لا أفراد، ⁨{nationality}⁩</numerusform>
            <numerusform>فرد واحد، ⁨{nationality}⁩</numerusform>
            <numerusform>فردان، ⁨{nationality}⁩</numerusform>
            <numerusform>⁨%n⁩ أفراد، ⁨{nationality}⁩</numerusform>
            <numerusform>⁨%n⁩ فردًا، ⁨{nationality}⁩</numerusform>
            <numerusform>⁨%n⁩ فرد، ⁨{nationality}⁩</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fields</name>
    <message>
        <source>Enter the {label}.</source>
        <translation>أدخل ⁨{label}⁩.</translation>
    </message>
    <message numerus="yes">
        <source>The {label} is too long: %n characters, at most {most}.</source>
        <translation>
            <numerusform>⁨{label}⁩ طويل جدًا: لا أحرف، والحد الأقصى ⁨{most}⁩.</numerusform>
            <numerusform>⁨{label}⁩ طويل جدًا: حرف واحد، والحد الأقصى ⁨{most}⁩.</numerusform>
            <numerusform>⁨{label}⁩ طويل جدًا: حرفان، والحد الأقصى ⁨{most}⁩.</numerusform>
            <numerusform>⁨{label}⁩ طويل جدًا: ⁨%n⁩ أحرف، والحد الأقصى ⁨{most}⁩.</numerusform>
            <numerusform>⁨{label}⁩ طويل جدًا: ⁨%n⁩ حرفًا، والحد الأقصى ⁨{most}⁩.</numerusform>
            <numerusform>⁨{label}⁩ طويل جدًا: ⁨%n⁩ حرف، والحد الأقصى ⁨{most}⁩.</numerusform>
        </translation>
    </message>
    <message>
        <source>The {label} {day} is in the future; enter the day it happened.</source>
        <translation>⁨{label}⁩ (⁨{day}⁩) في المستقبل؛ أدخل اليوم الذي حدث فيه.</translation>
    </message>
    <message>
        <source>The {label} {day} is before {earliest}; check the year.</source>
        <translation>⁨{label}⁩ (⁨{day}⁩) قبل ⁨{earliest}⁩؛ تحقّق من السنة.</translation>
    </message>
</context>
<context>
    <name>files</name>
    <message>
        <source>{name} is encrypted and this database has no key to open it.</source>
        <translation>⁨{name}⁩ مشفّر، وليس لقاعدة البيانات هذه مفتاح لفتحه.</translation>
    </message>
    <message>
        <source>{name} is damaged or was encrypted with another laptop&apos;s key.</source>
        <translation>⁨{name}⁩ تالف أو مشفّر بمفتاح حاسوب محمول آخر.</translation>
    </message>
</context>
<context>
    <name>first_run</name>
    <message>
        <source>Add at least one office: engineers and supervisors each work in an office.</source>
        <translation>أضف مكتبًا واحدًا على الأقل: يعمل كل مهندس وكل مشرف في مكتب.</translation>
    </message>
</context>
<context>
    <name>household</name>
    <message>
        <source>Girls 0–17</source>
        <translation>الفتيات 0–17</translation>
    </message>
    <message>
        <source>Boys 0–17</source>
        <translation>الفتيان 0–17</translation>
    </message>
    <message>
        <source>Women 18–59</source>
        <translation>النساء 18–59</translation>
    </message>
    <message>
        <source>Men 18–59</source>
        <translation>الرجال 18–59</translation>
    </message>
    <message>
        <source>Women 60+</source>
        <translation>النساء 60+</translation>
    </message>
    <message>
        <source>Men 60+</source>
        <translation>الرجال 60+</translation>
    </message>
    <message>
        <source>Disability</source>
        <translation>الإعاقة</translation>
    </message>
    <message>
        <source>Chronic illness</source>
        <translation>مرض مزمن</translation>
    </message>
    <message>
        <source>Older person</source>
        <translation>شخص مسن</translation>
    </message>
    <message>
        <source>Female-headed household</source>
        <translation>أسرة تعيلها امرأة</translation>
    </message>
    <message>
        <source>Child-headed household</source>
        <translation>أسرة يعيلها طفل</translation>
    </message>
    <message>
        <source>Pregnant or lactating woman</source>
        <translation>امرأة حامل أو مرضع</translation>
    </message>
    <message>
        <source>Syrian</source>
        <translation>سوري</translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation>تركي</translation>
    </message>
    <message>
        <source>Afghan</source>
        <translation>أفغاني</translation>
    </message>
    <message>
        <source>Iraqi</source>
        <translation>عراقي</translation>
    </message>
    <message>
        <source>Iranian</source>
        <translation>إيراني</translation>
    </message>
    <message>
        <source>Somali</source>
        <translation>صومالي</translation>
    </message>
    <message>
        <source>The household&apos;s size is a whole number of people from 1 to {most}.</source>
        <translation>حجم الأسرة عدد صحيح من الأشخاص بين 1 و⁨{most}⁩.</translation>
    </message>
    <message>
        <source>{band}: enter a whole number of people from 0 to {most}.</source>
        <translation>⁨{band}⁩: أدخل عدد الأشخاص عددًا صحيحًا من 0 إلى ⁨{most}⁩.</translation>
    </message>
    <message>
        <source>Count the household&apos;s members, the head included: at least one person.</source>
        <translation>عُدّ أفراد الأسرة بمن فيهم ربّها: شخص واحد على الأقل.</translation>
    </message>
</context>
<context>
    <name>households</name>
    <message>
        <source>name of the head of household</source>
        <translation>اسم رب الأسرة</translation>
    </message>
    <message>
        <source>nationality</source>
        <translation>الجنسية</translation>
    </message>
    <message>
        <source>Choose the protection status.</source>
        <translation>اختر وضع الحماية.</translation>
    </message>
    <message>
        <source>Record the day the head of household consented to the processing of their data; without consent the programme may not register them.</source>
        <translation>سجّل اليوم الذي وافق فيه رب الأسرة على معالجة بياناته؛ لا يجوز للبرنامج تسجيله دون موافقة.</translation>
    </message>
    <message>
        <source>consent date</source>
        <translation>تاريخ الموافقة</translation>
    </message>
    <message>
        <source>This ID number is already registered as {refs}. If it is the same person, open that record instead of registering them twice; only a supervisor may confirm that both records are right.</source>
        <translation>رقم الهوية هذا مسجَّل بالفعل باسم ⁨{refs}⁩. إذا كان الشخص نفسه فافتح ذلك السجل بدلًا من تسجيله مرتين؛ ولا يؤكد صحة السجلين إلا مشرف.</translation>
    </message>
</context>
<context>
    <name>iban</name>
    <message>
        <source>Enter the IBAN.</source>
        <translation>أدخل رقم IBAN.</translation>
    </message>
    <message>
        <source>An IBAN has only letters and digits; remove &apos;{char}&apos;.</source>
        <translation>يتكوّن رقم IBAN من حروف وأرقام فقط؛ احذف &apos;⁨{char}⁩&apos;.</translation>
    </message>
    <message>
        <source>Only Turkish IBANs can be used: it must start with TR, not &apos;{prefix}&apos;.</source>
        <translation>لا يمكن استخدام إلا أرقام IBAN التركية: يجب أن يبدأ بـ TR لا بـ &apos;⁨{prefix}⁩&apos;.</translation>
    </message>
    <message numerus="yes">
        <source>A Turkish IBAN has 26 characters; this one has %n.</source>
        <translation>
            <numerusform>يتكوّن رقم IBAN التركي من 26 خانة؛ وهذا يتكوّن من لا خانات.</numerusform>
            <numerusform>يتكوّن رقم IBAN التركي من 26 خانة؛ وهذا يتكوّن من خانة واحدة.</numerusform>
            <numerusform>يتكوّن رقم IBAN التركي من 26 خانة؛ وهذا يتكوّن من خانتين.</numerusform>
            <numerusform>يتكوّن رقم IBAN التركي من 26 خانة؛ وهذا يتكوّن من ⁨%n⁩ خانات.</numerusform>
            <numerusform>يتكوّن رقم IBAN التركي من 26 خانة؛ وهذا يتكوّن من ⁨%n⁩ خانةً.</numerusform>
            <numerusform>يتكوّن رقم IBAN التركي من 26 خانة؛ وهذا يتكوّن من ⁨%n⁩ خانة.</numerusform>
        </translation>
    </message>
    <message>
        <source>Characters 3 and 4 of an IBAN are check digits; &apos;{digits}&apos; is not a number.</source>
        <translation>الخانتان 3 و4 من رقم IBAN هما رقما التحقق؛ و&apos;⁨{digits}⁩&apos; ليس رقمًا.</translation>
    </message>
    <message>
        <source>Characters 5 to 9 of a Turkish IBAN are the bank code and must be digits.</source>
        <translation>الخانات من 5 إلى 9 في رقم IBAN التركي هي رمز المصرف ويجب أن تكون أرقامًا.</translation>
    </message>
    <message>
        <source>Character 10 of a Turkish IBAN is the reserve digit and must be 0, not &apos;{char}&apos;.</source>
        <translation>الخانة 10 في رقم IBAN التركي خانة احتياطية ويجب أن تكون 0 لا &apos;⁨{char}⁩&apos;.</translation>
    </message>
    <message>
        <source>The IBAN check digits do not match; check for a typing error.</source>
        <translation>رقما التحقق في IBAN غير متطابقين؛ تحقّق من عدم وجود خطأ في الكتابة.</translation>
    </message>
</context>
<context>
    <name>ids</name>
    <message numerus="yes">
        <source>ID number must have 11 digits; &apos;{raw}&apos; has %n.</source>
        <translation>
            <numerusform>يجب أن يتكوّن رقم الهوية من 11 رقمًا؛ و&apos;⁨{raw}⁩&apos; يتكوّن من لا أرقام.</numerusform>
            <numerusform>يجب أن يتكوّن رقم الهوية من 11 رقمًا؛ و&apos;⁨{raw}⁩&apos; يتكوّن من رقم واحد.</numerusform>
            <numerusform>يجب أن يتكوّن رقم الهوية من 11 رقمًا؛ و&apos;⁨{raw}⁩&apos; يتكوّن من رقمين.</numerusform>
            <numerusform>يجب أن يتكوّن رقم الهوية من 11 رقمًا؛ و&apos;⁨{raw}⁩&apos; يتكوّن من ⁨%n⁩ أرقام.</numerusform>
            <numerusform>يجب أن يتكوّن رقم الهوية من 11 رقمًا؛ و&apos;⁨{raw}⁩&apos; يتكوّن من ⁨%n⁩ رقمًا.</numerusform>
            <numerusform>يجب أن يتكوّن رقم الهوية من 11 رقمًا؛ و&apos;⁨{raw}⁩&apos; يتكوّن من ⁨%n⁩ رقم.</numerusform>
        </translation>
    </message>
    <message>
        <source>The check digits of foreign ID number {value} do not match. Compare it with the residence permit card; it is accepted because some issued numbers do not follow the checksum.</source>
        <translation>رقما التحقق في رقم هوية الأجنبي ⁨{value}⁩ غير متطابقين. قارنه ببطاقة الإقامة؛ قُبل الرقم لأن بعض الأرقام الصادرة لا تتبع قاعدة التحقق.</translation>
    </message>
    <message>
        <source>A TC Kimlik No cannot start with 0; check the number {value}.</source>
        <translation>لا يمكن أن يبدأ رقم الهوية التركي (TC Kimlik No) بـ 0؛ تحقّق من الرقم ⁨{value}⁩.</translation>
    </message>
    <message>
        <source>The check digits of TC Kimlik No {value} do not match; check for a typing error.</source>
        <translation>رقما التحقق في رقم الهوية التركي ⁨{value}⁩ غير متطابقين؛ تحقّق من عدم وجود خطأ في الكتابة.</translation>
    </message>
    <message>
        <source>A company tax number has 10 digits; &apos;{raw}&apos; has 11. A person&apos;s tax number is their TC Kimlik No: enter it as the ID number instead.</source>
        <translation>يتكوّن الرقم الضريبي للشركة من 10 أرقام؛ و&apos;⁨{raw}⁩&apos; يتكوّن من 11. الرقم الضريبي للشخص هو رقم هويته التركي: أدخله كرقم هوية بدلًا من ذلك.</translation>
    </message>
    <message numerus="yes">
        <source>A company tax number has 10 digits; &apos;{raw}&apos; has %n.</source>
        <translation>
            <numerusform>يتكوّن الرقم الضريبي للشركة من 10 أرقام؛ و&apos;⁨{raw}⁩&apos; يتكوّن من لا أرقام.</numerusform>
            <numerusform>يتكوّن الرقم الضريبي للشركة من 10 أرقام؛ و&apos;⁨{raw}⁩&apos; يتكوّن من رقم واحد.</numerusform>
            <numerusform>يتكوّن الرقم الضريبي للشركة من 10 أرقام؛ و&apos;⁨{raw}⁩&apos; يتكوّن من رقمين.</numerusform>
            <numerusform>يتكوّن الرقم الضريبي للشركة من 10 أرقام؛ و&apos;⁨{raw}⁩&apos; يتكوّن من ⁨%n⁩ أرقام.</numerusform>
            <numerusform>يتكوّن الرقم الضريبي للشركة من 10 أرقام؛ و&apos;⁨{raw}⁩&apos; يتكوّن من ⁨%n⁩ رقمًا.</numerusform>
            <numerusform>يتكوّن الرقم الضريبي للشركة من 10 أرقام؛ و&apos;⁨{raw}⁩&apos; يتكوّن من ⁨%n⁩ رقم.</numerusform>
        </translation>
    </message>
    <message>
        <source>The check digit of tax number {value} does not match; check for a typing error.</source>
        <translation>رقم التحقق في الرقم الضريبي ⁨{value}⁩ غير متطابق؛ تحقّق من عدم وجود خطأ في الكتابة.</translation>
    </message>
    <message>
        <source>Enter the number.</source>
        <translation>أدخل الرقم.</translation>
    </message>
    <message>
        <source>&apos;{raw}&apos; is a number Excel shortened, and its last digits may be lost: format the column as Text in Excel, type the numbers again and export anew.</source>
        <translation>&apos;⁨{raw}⁩&apos; رقم اختصره Excel وقد تكون خاناته الأخيرة مفقودة: نسّق العمود كنص في Excel، وأعد كتابة الأرقام، ثم صدّر الملف من جديد.</translation>
    </message>
    <message>
        <source>Use only the digits 0-9; remove &apos;{char}&apos; from &apos;{raw}&apos;.</source>
        <translation>استخدم الأرقام 0-9 فقط؛ احذف &apos;⁨{char}⁩&apos; من &apos;⁨{raw}⁩&apos;.</translation>
    </message>
</context>
<context>
    <name>imports</name>
    <message>
        <source>Cannot import &apos;{name}&apos;; choose one of {kinds}.</source>
        <translation>لا يمكن استيراد &apos;⁨{name}⁩&apos;؛ اختر أحد الأنواع التالية: ⁨{kinds}⁩.</translation>
    </message>
    <message>
        <source>No household &apos;{value}&apos; is registered; give its reference (GAZ-H-000123) or its head&apos;s ID number, and import households first.</source>
        <translation>الأسرة &apos;⁨{value}⁩&apos; غير مسجَّلة؛ اكتب رقمها المرجعي (GAZ-H-000123) أو رقم هوية رب الأسرة، واستورد الأسر أولًا.</translation>
    </message>
    <message>
        <source>Household (reference or head&apos;s ID)</source>
        <translation>الأسرة (الرقم المرجعي أو رقم هوية رب الأسرة)</translation>
    </message>
    <message>
        <source>Landlord (reference, ID or tax number)</source>
        <translation>المؤجر (الرقم المرجعي أو رقم الهوية أو الرقم الضريبي)</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>الولاية</translation>
    </message>
    <message>
        <source>District</source>
        <translation>المنطقة</translation>
    </message>
    <message>
        <source>Neighbourhood</source>
        <translation>الحي</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>الشارع</translation>
    </message>
    <message>
        <source>Building number</source>
        <translation>رقم البناء</translation>
    </message>
    <message>
        <source>Flat number</source>
        <translation>رقم الشقة</translation>
    </message>
    <message>
        <source>Type of dwelling</source>
        <translation>نوع المسكن</translation>
    </message>
    <message>
        <source>Floor area (m²)</source>
        <translation>مساحة الأرضية (m²)</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>عدد الغرف</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>خط العرض</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>خط الطول</translation>
    </message>
    <message>
        <source>GPS (Kobo geopoint)</source>
        <translation>موقع GPS (geopoint في Kobo)</translation>
    </message>
    <message>
        <source>dwellings</source>
        <translation>المساكن</translation>
    </message>
    <message>
        <source>Landlord: {field}</source>
        <translation>المؤجر: ⁨{field}⁩</translation>
    </message>
    <message>
        <source>cases (household, dwelling and landlord per row)</source>
        <translation>حالات (أسرة ومسكن ومؤجر في كل صف)</translation>
    </message>
    <message>
        <source>The landlord and the head of household have the same ID number; the programme supports tenants, not owners.</source>
        <translation>للمؤجر ولرب الأسرة رقم الهوية نفسه؛ يدعم البرنامج المستأجرين لا المؤجرين.</translation>
    </message>
    <message>
        <source>Landlord {number} is written differently on an earlier row ({name}); the earlier row&apos;s name, IBAN and phone are kept.</source>
        <translation>المؤجر ⁨{number}⁩ مكتوب بشكل مختلف في صف سابق (⁨{name}⁩)؛ يُحتفظ بالاسم وIBAN والهاتف من الصف السابق.</translation>
    </message>
    <message>
        <source>Another landlord in this file ({number}) has the same IBAN; one account is paid for one landlord.</source>
        <translation>لمؤجر آخر في هذا الملف (⁨{number}⁩) رقم IBAN نفسه؛ يُدفع لكل حساب لمؤجر واحد فقط.</translation>
    </message>
    <message>
        <source>No landlord &apos;{value}&apos; is registered; give the landlord&apos;s reference, ID or tax number, and import landlords first.</source>
        <translation>المؤجر &apos;⁨{value}⁩&apos; غير مسجَّل؛ اكتب الرقم المرجعي للمؤجر أو رقم هويته أو رقمه الضريبي، واستورد المؤجرين أولًا.</translation>
    </message>
    <message>
        <source>household at the same address</source>
        <translation>الأسرة في العنوان نفسه</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>رب الأسرة</translation>
    </message>
    <message>
        <source>ID number (TCKN/YKN)</source>
        <translation>رقم الهوية (TCKN/YKN)</translation>
    </message>
    <message>
        <source>Nationality</source>
        <translation>الجنسية</translation>
    </message>
    <message>
        <source>Protection status</source>
        <translation>وضع الحماية</translation>
    </message>
    <message>
        <source>Consent date</source>
        <translation>تاريخ الموافقة</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>الهاتف</translation>
    </message>
    <message>
        <source>Household size</source>
        <translation>حجم الأسرة</translation>
    </message>
    <message>
        <source>Vulnerabilities</source>
        <translation>أوجه الضعف</translation>
    </message>
    <message>
        <source>households</source>
        <translation>الأسر</translation>
    </message>
    <message numerus="yes">
        <source>Only the household&apos;s size is given (%n people); its members by sex and age can be added in the household form.</source>
        <translation>
            <numerusform>أُعطي حجم الأسرة فقط (لا أفراد)؛ يمكن إضافة أفرادها حسب الجنس والعمر في نموذج الأسرة.</numerusform>
            <numerusform>أُعطي حجم الأسرة فقط (فرد واحد)؛ يمكن إضافة أفرادها حسب الجنس والعمر في نموذج الأسرة.</numerusform>
            <numerusform>أُعطي حجم الأسرة فقط (فردان)؛ يمكن إضافة أفرادها حسب الجنس والعمر في نموذج الأسرة.</numerusform>
            <numerusform>أُعطي حجم الأسرة فقط (⁨%n⁩ أفراد)؛ يمكن إضافة أفرادها حسب الجنس والعمر في نموذج الأسرة.</numerusform>
            <numerusform>أُعطي حجم الأسرة فقط (⁨%n⁩ فردًا)؛ يمكن إضافة أفرادها حسب الجنس والعمر في نموذج الأسرة.</numerusform>
            <numerusform>أُعطي حجم الأسرة فقط (⁨%n⁩ فرد)؛ يمكن إضافة أفرادها حسب الجنس والعمر في نموذج الأسرة.</numerusform>
        </translation>
    </message>
    <message>
        <source>Each household member needs a sex (female/male) and an age in whole years; &apos;{sex}&apos;, &apos;{age}&apos; is not that.</source>
        <translation>يحتاج كل فرد من أفراد الأسرة إلى الجنس (female/male) والعمر بالسنوات الكاملة؛ و&apos;⁨{sex}⁩&apos;، &apos;⁨{age}⁩&apos; لا يستوفيان ذلك.</translation>
    </message>
    <message>
        <source>Landlord&apos;s name or company title</source>
        <translation>اسم المؤجر أو الاسم التجاري للشركة</translation>
    </message>
    <message>
        <source>Person or company</source>
        <translation>شخص أو شركة</translation>
    </message>
    <message>
        <source>ID or tax number</source>
        <translation>رقم الهوية أو الرقم الضريبي</translation>
    </message>
    <message>
        <source>IBAN</source>
        <translation>IBAN</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>landlords</source>
        <translation>المؤجرون</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>الاسم الكامل</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>تاريخ الميلاد</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>طريقة الدفع</translation>
    </message>
    <message>
        <source>Work permit number</source>
        <translation>رقم إذن العمل</translation>
    </message>
    <message>
        <source>Work permit expiry</source>
        <translation>تاريخ انتهاء إذن العمل</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>المهارات</translation>
    </message>
    <message>
        <source>workers</source>
        <translation>العمال</translation>
    </message>
    <message>
        <source>The column &apos;{column}&apos; fills {fields}; check that this is meant.</source>
        <translation>العمود &apos;⁨{column}⁩&apos; يملأ الحقول: ⁨{fields}⁩؛ تحقّق من أن هذا مقصود.</translation>
    </message>
    <message>
        <source>{path} is not a mapping file of this app ({error}); save one from the import dialog.</source>
        <translation>⁦{path}⁩ ليس ملف مطابقة لهذا التطبيق (⁨{error}⁩)؛ احفظ ملف مطابقة من نافذة الاستيراد.</translation>
    </message>
    <message>
        <source>{path} is not a mapping file of this app; save one from the import dialog.</source>
        <translation>⁦{path}⁩ ليس ملف مطابقة لهذا التطبيق؛ احفظ ملف مطابقة من نافذة الاستيراد.</translation>
    </message>
    <message>
        <source>question “{question}” of the group “{group}”</source>
        <translation>السؤال «⁨{question}⁩» من المجموعة «⁨{group}⁩»</translation>
    </message>
    <message>
        <source>question “{question}” of the group “{group}”, as “{name}”</source>
        <translation>السؤال «⁨{question}⁩» من المجموعة «⁨{group}⁩»، باسم «⁨{name}⁩»</translation>
    </message>
    <message>
        <source>the column is called “{name}”</source>
        <translation>اسم العمود «⁨{name}⁩»</translation>
    </message>
    <message>
        <source>export metadata (submission, version, media link), not an answer</source>
        <translation>بيانات وصفية للتصدير (الإرسال، الإصدار، رابط الوسائط)، وليست إجابة</translation>
    </message>
    <message>
        <source>no field of this kind is called so; choose it by hand if it fills one</source>
        <translation>لا يوجد حقل بهذا الاسم في هذا النوع؛ اختره يدويًا إذا كان يملأ حقلًا</translation>
    </message>
    <message>
        <source>{path} maps columns for {other}, not for {kind}; choose the mapping saved for {kind}.</source>
        <translation>يطابق ⁦{path}⁩ أعمدة ⁨{other}⁩ لا ⁨{kind}⁩؛ اختر المطابقة المحفوظة لـ ⁨{kind}⁩.</translation>
    </message>
    <message>
        <source>The file has no column {columns} that the mapping {path} names; adjust the mapping to this file&apos;s columns.</source>
        <translation>لا يحتوي الملف على العمود ⁨{columns}⁩ الذي تذكره المطابقة ⁦{path}⁩؛ عدّل المطابقة لتوافق أعمدة هذا الملف.</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>الصف</translation>
    </message>
    <message>
        <source>Import status</source>
        <translation>حالة الاستيراد</translation>
    </message>
    <message>
        <source>Import message</source>
        <translation>رسالة الاستيراد</translation>
    </message>
    <message>
        <source>Not imported</source>
        <translation>الصفوف غير المستوردة</translation>
    </message>
    <message>
        <source>Cannot write the report {path}: {error}. Choose another folder.</source>
        <translation>تتعذّر كتابة التقرير ⁦{path}⁩: ⁨{error}⁩. اختر مجلدًا آخر.</translation>
    </message>
    <message>
        <source>Photo file</source>
        <translation>ملف الصورة</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>الصور</translation>
    </message>
    <message>
        <source>new</source>
        <translation>جديد</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>محدَّث</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>دون تغيير</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>متخطّى</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>مرفوض</translation>
    </message>
    <message>
        <source>not in the attachments folder</source>
        <translation>غير موجودة في مجلد المرفقات</translation>
    </message>
    <message>
        <source>import of {file}</source>
        <translation>استيراد ⁦{file}⁩</translation>
    </message>
    <message numerus="yes">
        <source>Nothing was imported: %n rows were rejected and you chose all or nothing. Correct them (see the report) and import again.</source>
        <translation>
            <numerusform>لم يُستورد أي شيء: لم يُرفض أي صف وقد اخترت «الكل أو لا شيء». صحّحه (راجع التقرير) ثم أعد الاستيراد.</numerusform>
            <numerusform>لم يُستورد أي شيء: رُفض صف واحد وقد اخترت «الكل أو لا شيء». صحّحه (راجع التقرير) ثم أعد الاستيراد.</numerusform>
            <numerusform>لم يُستورد أي شيء: رُفض صفان وقد اخترت «الكل أو لا شيء». صحّحها (راجع التقرير) ثم أعد الاستيراد.</numerusform>
            <numerusform>لم يُستورد أي شيء: رُفضت ⁨%n⁩ صفوف وقد اخترت «الكل أو لا شيء». صحّحها (راجع التقرير) ثم أعد الاستيراد.</numerusform>
            <numerusform>لم يُستورد أي شيء: رُفض ⁨%n⁩ صفًا وقد اخترت «الكل أو لا شيء». صحّحها (راجع التقرير) ثم أعد الاستيراد.</numerusform>
            <numerusform>لم يُستورد أي شيء: رُفض ⁨%n⁩ صف وقد اخترت «الكل أو لا شيء». صحّحها (راجع التقرير) ثم أعد الاستيراد.</numerusform>
        </translation>
    </message>
    <message>
        <source>The same {what} as row {row}; a person or record is imported once.</source>
        <translation>⁨{what}⁩: مطابق لما في الصف ⁨{row}⁩؛ يُستورد الشخص أو السجل مرة واحدة فقط.</translation>
    </message>
    <message>
        <source>photo {name} is not in the attachments folder</source>
        <translation>الصورة ⁨{name}⁩ غير موجودة في مجلد المرفقات</translation>
    </message>
    <message>
        <source>Needs a supervisor: {reasons}</source>
        <translation>يحتاج إلى تأكيد المشرف: ⁨{reasons}⁩</translation>
    </message>
    <message>
        <source>Needs confirmation: {warnings}</source>
        <translation>يحتاج إلى تأكيد: ⁨{warnings}⁩</translation>
    </message>
    <message>
        <source>{keys} belong to other registered records ({refs}); check the row against them.</source>
        <translation>⁨{keys}⁩ تخص سجلات أخرى مسجَّلة (⁨{refs}⁩)؛ قارن الصف بها.</translation>
    </message>
    <message>
        <source>already registered as {ref}</source>
        <translation>مسجَّل بالفعل (⁨{ref}⁩)</translation>
    </message>
    <message>
        <source>confirmed by supervisor {name}: {message}</source>
        <translation>أكّده المشرف ⁨{name}⁩: ⁨{message}⁩</translation>
    </message>
    <message>
        <source>No office {code} exists; use one of {codes}.</source>
        <translation>لا يوجد مكتب ⁨{code}⁩؛ استخدم أحد المكاتب التالية: ⁨{codes}⁩.</translation>
    </message>
    <message>
        <source>Unicode (UTF-8)</source>
        <translation>Unicode ‏(UTF-8)</translation>
    </message>
    <message>
        <source>Unicode (UTF-8 with BOM, Excel “CSV UTF-8”)</source>
        <translation>Unicode ‏(UTF-8 مع BOM، صيغة «CSV UTF-8» في Excel)</translation>
    </message>
    <message>
        <source>Windows Turkish (cp1254, Excel “CSV”)</source>
        <translation>ترميز Windows التركي (cp1254، صيغة «CSV» في Excel)</translation>
    </message>
    <message>
        <source>Turkish (ISO 8859-9)</source>
        <translation>التركية (ISO 8859-9)</translation>
    </message>
    <message>
        <source>Windows Arabic (cp1256)</source>
        <translation>ترميز Windows العربي (cp1256)</translation>
    </message>
    <message>
        <source>Unicode text (UTF-16, Excel “Unicode text”)</source>
        <translation>نص Unicode ‏(UTF-16، صيغة «نص Unicode» في Excel)</translation>
    </message>
    <message>
        <source>Semicolon (;)</source>
        <translation>فاصلة منقوطة (;)</translation>
    </message>
    <message>
        <source>Comma (,)</source>
        <translation>فاصلة (,)</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>علامة الجدولة (Tab)</translation>
    </message>
    <message>
        <source>Vertical bar (|)</source>
        <translation>شريط عمودي (|)</translation>
    </message>
    <message>
        <source>{file} has no sheet &apos;{sheet}&apos;; choose one of: {sheets}.</source>
        <translation>لا يحتوي ⁦{file}⁩ على ورقة باسم «⁨{sheet}⁩»؛ اختر واحدة من: ⁨{sheets}⁩.</translation>
    </message>
    <message>
        <source>{file} cannot be opened ({reason}); check that it exists and is not open in another program.</source>
        <translation>يتعذّر فتح ⁦{file}⁩ (⁨{reason}⁩)؛ تحقّق من أنه موجود وغير مفتوح في برنامج آخر.</translation>
    </message>
    <message>
        <source>{file} is empty; export it again from Excel or Kobo and choose the new file.</source>
        <translation>الملف ⁦{file}⁩ فارغ؛ صدّره مرة أخرى من Excel أو Kobo واختر الملف الجديد.</translation>
    </message>
    <message>
        <source>{file} is an old Excel 97-2003 .xls workbook or a password-protected one: open it in Excel, remove any password and save it as .xlsx or CSV.</source>
        <translation>⁦{file}⁩ مصنف Excel 97-2003 قديم بصيغة ‎.xls أو مصنف محمي بكلمة مرور: افتحه في Excel، وأزل أي كلمة مرور، ثم احفظه بصيغة ‎.xlsx أو CSV.</translation>
    </message>
    <message>
        <source>{file} is neither text nor an Excel workbook; choose the CSV or .xlsx export.</source>
        <translation>⁦{file}⁩ ليس نصًا ولا مصنف Excel؛ اختر الملف المُصدَّر بصيغة CSV أو ‎.xlsx.</translation>
    </message>
    <message>
        <source>{file} is named {suffix} but holds CSV text; it was read as CSV.</source>
        <translation>امتداد ⁦{file}⁩ هو ⁨{suffix}⁩ لكنه يحتوي على نص CSV؛ وقد قُرئ بصيغة CSV.</translation>
    </message>
    <message>
        <source>The text of {file} looks like UTF-8 read as {encoding} (letters such as “Ä±” or “Ã¼”); choose the encoding UTF-8.</source>
        <translation>يبدو أن نص ⁦{file}⁩ مكتوب بترميز UTF-8 لكنه قُرئ بترميز ⁨{encoding}⁩ (أحرف مثل «Ä±» أو «Ã¼»)؛ اختر الترميز UTF-8.</translation>
    </message>
    <message>
        <source>{separator!r} is not a separator this import reads; choose one of: {choices}.</source>
        <translation>⁨{separator!r}⁩ ليس فاصلًا يقرؤه هذا الاستيراد؛ اختر أحد الفواصل التالية: ⁨{choices}⁩.</translation>
    </message>
    <message>
        <source>{file}: line {line} cannot be read as {encoding}; choose another encoding ({choices}).</source>
        <translation>⁦{file}⁩: تتعذّر قراءة السطر ⁨{line}⁩ بترميز ⁨{encoding}⁩؛ اختر ترميزًا آخر (⁨{choices}⁩).</translation>
    </message>
    <message>
        <source>{encoding} is not a known encoding; choose one of: {choices}.</source>
        <translation>⁨{encoding}⁩ ليس ترميزًا معروفًا؛ اختر أحد الترميزات التالية: ⁨{choices}⁩.</translation>
    </message>
    <message>
        <source>The encoding of {file} was guessed as Windows Arabic (cp1256); if letters look wrong, choose another encoding.</source>
        <translation>خُمّن أن ترميز ⁦{file}⁩ هو ترميز Windows العربي (cp1256)؛ إذا بدت الأحرف خاطئة فاختر ترميزًا آخر.</translation>
    </message>
    <message>
        <source>The encoding of {file} was guessed as Windows Turkish (cp1254); if letters look wrong, choose another encoding.</source>
        <translation>خُمِّن أن ترميز ⁦{file}⁩ هو ترميز Windows التركي (cp1254)؛ إذا ظهرت الأحرف بشكل خاطئ فاختر ترميزًا آخر.</translation>
    </message>
    <message>
        <source>{file}: line {line} holds binary data (a NUL character); export the file again from Excel or Kobo.</source>
        <translation>⁦{file}⁩: يحتوي السطر ⁨{line}⁩ على بيانات ثنائية (محرف NUL)؛ صدّر الملف مرة أخرى من Excel أو Kobo.</translation>
    </message>
    <message numerus="yes">
        <source>{file}: the value starting on line {line} is longer than %n characters; a quote (&quot;) is probably not closed: fix it in a text editor or export the file again.</source>
        <translation>
            <numerusform>⁦{file}⁩: القيمة التي تبدأ في السطر ⁨{line}⁩ أطول من لا أحرف؛ ربما توجد علامة اقتباس (&quot;) غير مغلقة: أصلحها في محرر نصوص أو صدّر الملف مرة أخرى.</numerusform>
            <numerusform>⁦{file}⁩: القيمة التي تبدأ في السطر ⁨{line}⁩ أطول من حرف واحد؛ ربما توجد علامة اقتباس (&quot;) غير مغلقة: أصلحها في محرر نصوص أو صدّر الملف مرة أخرى.</numerusform>
            <numerusform>⁦{file}⁩: القيمة التي تبدأ في السطر ⁨{line}⁩ أطول من حرفين؛ ربما توجد علامة اقتباس (&quot;) غير مغلقة: أصلحها في محرر نصوص أو صدّر الملف مرة أخرى.</numerusform>
            <numerusform>⁦{file}⁩: القيمة التي تبدأ في السطر ⁨{line}⁩ أطول من ⁨%n⁩ أحرف؛ ربما توجد علامة اقتباس (&quot;) غير مغلقة: أصلحها في محرر نصوص أو صدّر الملف مرة أخرى.</numerusform>
            <numerusform>⁦{file}⁩: القيمة التي تبدأ في السطر ⁨{line}⁩ أطول من ⁨%n⁩ حرفًا؛ ربما توجد علامة اقتباس (&quot;) غير مغلقة: أصلحها في محرر نصوص أو صدّر الملف مرة أخرى.</numerusform>
            <numerusform>⁦{file}⁩: القيمة التي تبدأ في السطر ⁨{line}⁩ أطول من ⁨%n⁩ حرف؛ ربما توجد علامة اقتباس (&quot;) غير مغلقة: أصلحها في محرر نصوص أو صدّر الملف مرة أخرى.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{file} has more than %n rows; split it into files of at most %n rows and import them one after the other.</source>
        <translation>
            <numerusform>يحتوي ⁦{file}⁩ على أكثر من لا صفوف؛ قسّمه إلى ملفات لا يتجاوز كل منها لا صفوف، واستوردها واحدًا تلو الآخر.</numerusform>
            <numerusform>يحتوي ⁦{file}⁩ على أكثر من صف واحد؛ قسّمه إلى ملفات لا يتجاوز كل منها صف واحد، واستوردها واحدًا تلو الآخر.</numerusform>
            <numerusform>يحتوي ⁦{file}⁩ على أكثر من صفين؛ قسّمه إلى ملفات لا يتجاوز كل منها صفين، واستوردها واحدًا تلو الآخر.</numerusform>
            <numerusform>يحتوي ⁦{file}⁩ على أكثر من ⁨%n⁩ صفوف؛ قسّمه إلى ملفات لا يتجاوز كل منها ⁨%n⁩ صفوف، واستوردها واحدًا تلو الآخر.</numerusform>
            <numerusform>يحتوي ⁦{file}⁩ على أكثر من ⁨%n⁩ صفًا؛ قسّمه إلى ملفات لا يتجاوز كل منها ⁨%n⁩ صفًا، واستوردها واحدًا تلو الآخر.</numerusform>
            <numerusform>يحتوي ⁦{file}⁩ على أكثر من ⁨%n⁩ صف؛ قسّمه إلى ملفات لا يتجاوز كل منها ⁨%n⁩ صف، واستوردها واحدًا تلو الآخر.</numerusform>
        </translation>
    </message>
    <message>
        <source>Row {row} has {values} but the header has {columns}; the file may mix separators or have a line break inside a value.</source>
        <translation>في الصف ⁨{row}⁩ {values}، لكن في صف العناوين {columns}؛ ربما يخلط الملف بين فواصل مختلفة أو فيه فاصل أسطر داخل قيمة.</translation>
    </message>
    <message numerus="yes">
        <source>%n values</source>
        <translation>
            <numerusform>لا قيم</numerusform>
            <numerusform>قيمة واحدة</numerusform>
            <numerusform>قيمتان</numerusform>
            <numerusform>⁨%n⁩ قيم</numerusform>
            <numerusform>⁨%n⁩ قيمةً</numerusform>
            <numerusform>⁨%n⁩ قيمة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n columns</source>
        <translation>
            <numerusform>لا أعمدة</numerusform>
            <numerusform>عمود واحد</numerusform>
            <numerusform>عمودان</numerusform>
            <numerusform>⁨%n⁩ أعمدة</numerusform>
            <numerusform>⁨%n⁩ عمودًا</numerusform>
            <numerusform>⁨%n⁩ عمود</numerusform>
        </translation>
    </message>
    <message>
        <source>{file} is a zip archive but not an Excel workbook; save it from its program as .xlsx or CSV.</source>
        <translation>⁦{file}⁩ أرشيف zip وليس مصنف Excel؛ احفظه من البرنامج الذي أنشأه بصيغة ‎.xlsx أو CSV.</translation>
    </message>
    <message>
        <source>{file} is damaged or incomplete; copy it again from where it came from, or export it again.</source>
        <translation>الملف ⁦{file}⁩ تالف أو غير مكتمل؛ انسخه مرة أخرى من مصدره، أو صدّره من جديد.</translation>
    </message>
    <message>
        <source>Sheet “{sheet}” has no header row (a row naming two or more columns); it was not read.</source>
        <translation>لا تحتوي الورقة «⁨{sheet}⁩» على صف عناوين (صف يسمّي عمودين أو أكثر)؛ لذا لم تُقرأ.</translation>
    </message>
    <message>
        <source>Row {row} has a value in column {column}, which has no header; type a header above that column or clear its values.</source>
        <translation>في الصف ⁨{row}⁩ قيمة في العمود ⁨{column}⁩ الذي ليس له عنوان؛ اكتب عنوانًا أعلى هذا العمود أو امسح قيمه.</translation>
    </message>
    <message>
        <source>Column {letter}</source>
        <translation>العمود ⁨{letter}⁩</translation>
    </message>
    <message>
        <source>Cell {cell} holds a formula ({formula}); paste its value instead (Excel: Paste Special › Values).</source>
        <translation>تحتوي الخلية ⁨{cell}⁩ على صيغة (⁨{formula}⁩)؛ الصق قيمتها بدلًا منها (في Excel: لصق خاص › القيم).</translation>
    </message>
    <message>
        <source>Cell {cell} shows the Excel error {error}; correct the cell in Excel and import again.</source>
        <translation>تُظهر الخلية ⁨{cell}⁩ خطأ Excel ⁨{error}⁩؛ صحّح الخلية في Excel ثم استورد من جديد.</translation>
    </message>
    <message>
        <source>{file} has no header row (a row naming two or more columns); add one with a name above each column.</source>
        <translation>لا يحتوي ⁦{file}⁩ على صف عناوين (صف يسمّي عمودين أو أكثر)؛ أضف صفًا فيه اسم فوق كل عمود.</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <source>No</source>
        <translation>لا</translation>
    </message>
    <message>
        <source>Dwelling (reference, or household)</source>
        <translation>المسكن (الرقم المرجعي، أو الأسرة)</translation>
    </message>
    <message>
        <source>Assessment date</source>
        <translation>تاريخ التقييم</translation>
    </message>
    <message>
        <source>Occupants</source>
        <translation>عدد المقيمين</translation>
    </message>
    <message>
        <source>Eligible</source>
        <translation>مؤهَّل</translation>
    </message>
    <message>
        <source>Reason for the decision</source>
        <translation>سبب القرار</translation>
    </message>
    <message>
        <source>Final assessment</source>
        <translation>التقييم النهائي</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>ملاحظات</translation>
    </message>
    <message>
        <source>assessments</source>
        <translation>التقييمات</translation>
    </message>
    <message>
        <source>No dwelling &apos;{value}&apos; is registered; give the dwelling&apos;s reference (GAZ-D-000123), or its household&apos;s reference or head&apos;s ID number.</source>
        <translation>المسكن &apos;⁨{value}⁩&apos; غير مسجَّل؛ اكتب الرقم المرجعي للمسكن (GAZ-D-000123)، أو الرقم المرجعي لأسرته أو رقم هوية رب الأسرة.</translation>
    </message>
    <message>
        <source>assessment of the same dwelling on the same day</source>
        <translation>تقييم المسكن نفسه في اليوم نفسه</translation>
    </message>
    <message>
        <source>&apos;{raw}&apos; is not a date; write it as 25.11.2026.</source>
        <translation>القيمة &apos;⁨{raw}⁩&apos; ليست تاريخًا؛ اكتبها بالشكل 25.11.2026.</translation>
    </message>
    <message>
        <source>&apos;{raw}&apos; is neither yes nor no; write Evet/Hayır, Yes/No or 1/0.</source>
        <translation>القيمة &apos;⁨{raw}⁩&apos; ليست نعم ولا لا؛ اكتب نعم/لا أو Evet/Hayır أو Yes/No أو 1/0.</translation>
    </message>
    <message>
        <source>&apos;{raw}&apos; is not one of the choices ({choices}).</source>
        <translation>القيمة &apos;⁨{raw}⁩&apos; ليست من الخيارات المتاحة (⁨{choices}⁩).</translation>
    </message>
    <message>
        <source>The form&apos;s scale has the values {values}, not 1 to {levels}; map each to the app&apos;s levels by hand.</source>
        <translation>قيم مقياس النموذج هي ⁨{values}⁩، وليست من 1 إلى ⁨{levels}⁩؛ اربط كل قيمة بمستويات التطبيق يدويًا.</translation>
    </message>
    <message>
        <source>form {pairs}</source>
        <translation>النموذج ⁨{pairs}⁩</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is a number on the form&apos;s scale, and whether 1 is the best or the worst state is not written in the file; choose the direction in the values step (command line: --scale).</source>
        <translation>&apos;⁨{value}⁩&apos; رقم على مقياس النموذج، والملف لا يذكر هل 1 هو أفضل حالة أم أسوأها؛ اختر الاتجاه في خطوة القيم (في سطر الأوامر: --scale).</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; has no value in this app; choose one for it in the values step (or in the mapping file&apos;s &quot;values&quot;).</source>
        <translation>&apos;⁨{value}⁩&apos; ليس له قيمة في هذا التطبيق؛ اختر له قيمة في خطوة القيم (أو في &quot;values&quot; في ملف المطابقة).</translation>
    </message>
</context>
<context>
    <name>labour</name>
    <message>
        <source>{day} is in timesheet {ref}, which is approved and locked; only a supervisor can reopen it.</source>
        <translation>⁨{day}⁩ ضمن كشف الدوام ⁨{ref}⁩ المعتمد والمقفل؛ لا يستطيع إعادة فتحه إلا مشرف.</translation>
    </message>
    <message>
        <source>{day} is in timesheet {ref}, which is submitted for approval; it can be changed if the supervisor returns it.</source>
        <translation>⁨{day}⁩ ضمن كشف الدوام ⁨{ref}⁩ المُرسَل للموافقة؛ يمكن تغييره إذا أعاده المشرف.</translation>
    </message>
    <message>
        <source>{ref} is at stage &quot;{stage}&quot;; labour is logged once its works are in progress.</source>
        <translation>⁨{ref}⁩ في المرحلة «⁨{stage}⁩»؛ يُسجَّل العمل بعد بدء الأعمال فيه.</translation>
    </message>
    <message>
        <source>That worker does not exist any more.</source>
        <translation>هذا العامل لم يعد موجودًا.</translation>
    </message>
    <message>
        <source>task</source>
        <translation>المهمة</translation>
    </message>
    <message>
        <source>Log a full or a half day.</source>
        <translation>سجّل يومًا كاملًا أو نصف يوم.</translation>
    </message>
    <message>
        <source>Log the day before giving its task.</source>
        <translation>سجّل اليوم قبل تحديد مهمته.</translation>
    </message>
</context>
<context>
    <name>landlord_kind</name>
    <message>
        <source>Person</source>
        <translation>شخص</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>شركة</translation>
    </message>
</context>
<context>
    <name>landlords</name>
    <message>
        <source>Choose whether the landlord is a person or a company.</source>
        <translation>اختر ما إذا كان المؤجر شخصًا أم شركة.</translation>
    </message>
    <message>
        <source>landlord&apos;s name or company title</source>
        <translation>اسم المؤجر أو الاسم التجاري للشركة</translation>
    </message>
    <message>
        <source>landlord&apos;s address</source>
        <translation>عنوان المؤجر</translation>
    </message>
    <message>
        <source>This tax number is already registered as landlord {refs}; open that record instead of registering the company twice.</source>
        <translation>هذا الرقم الضريبي مسجَّل بالفعل للمؤجر ⁨{refs}⁩؛ افتح ذلك السجل بدلًا من تسجيل الشركة مرتين.</translation>
    </message>
    <message>
        <source>This IBAN already belongs to {refs}. Check it with the landlord&apos;s bank papers; save again only if it is right.</source>
        <translation>رقم IBAN هذا يخص ⁨{refs}⁩ بالفعل. تحقّق منه بأوراق المؤجر المصرفية؛ ولا تحفظ مجددًا إلا إذا كان صحيحًا.</translation>
    </message>
    <message>
        <source>No landlord {ref} exists; check the reference.</source>
        <translation>لا يوجد مؤجر ⁨{ref}⁩؛ تحقّق من الرقم المرجعي.</translation>
    </message>
</context>
<context>
    <name>language</name>
    <message>
        <source>Interface language</source>
        <translation>لغة الواجهة</translation>
    </message>
    <message>
        <source>Your interface language is {language}; Barınak shows it from the next start.</source>
        <translation>لغة واجهتك هي ⁨{language}⁩؛ سيعرضها Barınak عند التشغيل القادم.</translation>
    </message>
</context>
<context>
    <name>lease</name>
    <message>
        <source>Draft</source>
        <translation>مسودة</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>مطبوعة</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>موقَّعة</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>سارية</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>منتهية</translation>
    </message>
    <message>
        <source>Terminated</source>
        <translation>مفسوخة</translation>
    </message>
    <message>
        <source>Breached</source>
        <translation>مُخالَفة</translation>
    </message>
    <message>
        <source>Agreement {number} is {status}; it cannot become {target}. Possible next: {allowed}.</source>
        <translation>حالة الاتفاقية ⁨{number}⁩ هي ⁨{status}⁩؛ ولا يمكن أن تصبح ⁦{target}⁩. الحالة التالية الممكنة: ⁨{allowed}⁩.</translation>
    </message>
    <message>
        <source>nothing (the agreement is closed)</source>
        <translation>لا شيء (الاتفاقية مغلقة)</translation>
    </message>
    <message>
        <source>Agreement {number} starts on {start}; it can be made active from that day, not on {today}.</source>
        <translation>تبدأ الاتفاقية {number} في {start}؛ يمكن تفعيلها اعتباراً من ذلك اليوم، لا في {today}.</translation>
    </message>
    <message>
        <source>The {label} must be a whole number; &apos;{raw}&apos; is not one.</source>
        <translation>يجب أن يكون ⁨{label}⁩ عددًا صحيحًا؛ و&apos;⁨{raw}⁩&apos; ليس كذلك.</translation>
    </message>
    <message>
        <source>An amount cannot be negative.</source>
        <translation>لا يمكن أن يكون المبلغ سالبًا.</translation>
    </message>
    <message>
        <source>term in months</source>
        <translation>المدة بالأشهر</translation>
    </message>
    <message>
        <source>Enter the start date.</source>
        <translation>أدخل تاريخ البدء.</translation>
    </message>
    <message>
        <source>The end date {end} is not after the start date {start}; the end must come after the start.</source>
        <translation>تاريخ الانتهاء ⁨{end}⁩ ليس بعد تاريخ البدء ⁨{start}⁩؛ يجب أن يأتي الانتهاء بعد البدء.</translation>
    </message>
    <message>
        <source>Enter the monthly rent (more than 0 TL).</source>
        <translation>أدخل الإيجار الشهري (أكثر من 0 TL).</translation>
    </message>
    <message>
        <source>number of rent-free months</source>
        <translation>عدد الأشهر المعفاة من الإيجار</translation>
    </message>
    <message>
        <source>{free} rent-free months leave no rent in a {term}-month term; enter fewer rent-free months.</source>
        <translation>⁨{free}⁩ أشهر معفاة من الإيجار لا تُبقي أي إيجار في مدة ⁨{term}⁩ شهرًا؛ أدخل عددًا أقل من الأشهر المعفاة.</translation>
    </message>
    <message>
        <source>A rent of {threshold} a month or more must be paid through a bank or PTT: record the landlord&apos;s IBAN first.</source>
        <translation>الإيجار البالغ ⁨{threshold}⁩ شهريًا أو أكثر يجب أن يُدفع عبر مصرف أو PTT: سجّل رقم IBAN الخاص بالمؤجر أولًا.</translation>
    </message>
    <message>
        <source>Print the contract in one of {pairs}, not &apos;{value}&apos;.</source>
        <translation>اطبع العقد بإحدى التركيبات ⁨{pairs}⁩، لا &apos;⁨{value}⁩&apos;.</translation>
    </message>
    <message>
        <source>the rent was raised: {paid} paid, {agreed} agreed</source>
        <translation>رُفع الإيجار: دُفع ⁨{paid}⁩ والمتفق عليه ⁨{agreed}⁩</translation>
    </message>
    <message>
        <source>payment day</source>
        <translation>يوم الدفع</translation>
    </message>
    <message numerus="yes">
        <source>The term must be 1 to %n months (TBK 344/3); {term} is not allowed.</source>
        <translation>
            <numerusform>يجب أن تكون المدة من 1 إلى لا أشهر (TBK 344/3)؛ و⁨{term}⁩ غير مسموح.</numerusform>
            <numerusform>يجب أن تكون المدة من 1 إلى شهر واحد (TBK 344/3)؛ و⁨{term}⁩ غير مسموح.</numerusform>
            <numerusform>يجب أن تكون المدة من 1 إلى شهرين (TBK 344/3)؛ و⁨{term}⁩ غير مسموح.</numerusform>
            <numerusform>يجب أن تكون المدة من 1 إلى ⁨%n⁩ أشهر (TBK 344/3)؛ و⁨{term}⁩ غير مسموح.</numerusform>
            <numerusform>يجب أن تكون المدة من 1 إلى ⁨%n⁩ شهرًا (TBK 344/3)؛ و⁨{term}⁩ غير مسموح.</numerusform>
            <numerusform>يجب أن تكون المدة من 1 إلى ⁨%n⁩ شهر (TBK 344/3)؛ و⁨{term}⁩ غير مسموح.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A term of %n months from {start} ends on {end}, not on {given}; correct the end date or the term.</source>
        <translation>
            <numerusform>مدة صفر أشهر ابتداءً من ⁨{start}⁩ تنتهي في ⁨{end}⁩ لا في ⁨{given}⁩؛ صحّح تاريخ الانتهاء أو المدة.</numerusform>
            <numerusform>مدة شهر واحد ابتداءً من ⁨{start}⁩ تنتهي في ⁨{end}⁩ لا في ⁨{given}⁩؛ صحّح تاريخ الانتهاء أو المدة.</numerusform>
            <numerusform>مدة شهرين ابتداءً من ⁨{start}⁩ تنتهي في ⁨{end}⁩ لا في ⁨{given}⁩؛ صحّح تاريخ الانتهاء أو المدة.</numerusform>
            <numerusform>مدة ⁨%n⁩ أشهر ابتداءً من ⁨{start}⁩ تنتهي في ⁨{end}⁩ لا في ⁨{given}⁩؛ صحّح تاريخ الانتهاء أو المدة.</numerusform>
            <numerusform>مدة ⁨%n⁩ شهرًا ابتداءً من ⁨{start}⁩ تنتهي في ⁨{end}⁩ لا في ⁨{given}⁩؛ صحّح تاريخ الانتهاء أو المدة.</numerusform>
            <numerusform>مدة ⁨%n⁩ شهر ابتداءً من ⁨{start}⁩ تنتهي في ⁨{end}⁩ لا في ⁨{given}⁩؛ صحّح تاريخ الانتهاء أو المدة.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The deposit {deposit} is more than %n months&apos; rent ({cap}), the most TBK 342 allows; lower the deposit.</source>
        <translation>
            <numerusform>التأمين ⁨{deposit}⁩ أكثر من إيجار ⁨%n⁩ شهر (⁨{cap}⁩)، وهو الحد الأقصى الذي تسمح به المادة TBK 342؛ خفّض التأمين.</numerusform>
            <numerusform>التأمين ⁨{deposit}⁩ أكثر من إيجار شهر واحد (⁨{cap}⁩)، وهو الحد الأقصى الذي تسمح به المادة TBK 342؛ خفّض التأمين.</numerusform>
            <numerusform>التأمين ⁨{deposit}⁩ أكثر من إيجار شهرين (⁨{cap}⁩)، وهو الحد الأقصى الذي تسمح به المادة TBK 342؛ خفّض التأمين.</numerusform>
            <numerusform>التأمين ⁨{deposit}⁩ أكثر من إيجار ⁨%n⁩ أشهر (⁨{cap}⁩)، وهو الحد الأقصى الذي تسمح به المادة TBK 342؛ خفّض التأمين.</numerusform>
            <numerusform>التأمين ⁨{deposit}⁩ أكثر من إيجار ⁨%n⁩ شهرًا (⁨{cap}⁩)، وهو الحد الأقصى الذي تسمح به المادة TBK 342؛ خفّض التأمين.</numerusform>
            <numerusform>التأمين ⁨{deposit}⁩ أكثر من إيجار ⁨%n⁩ شهر (⁨{cap}⁩)، وهو الحد الأقصى الذي تسمح به المادة TBK 342؛ خفّض التأمين.</numerusform>
        </translation>
    </message>
    <message>
        <source>The payment day must be {first} to {last}, a day every month has.</source>
        <translation>يجب أن يكون يوم الدفع من ⁨{first}⁩ إلى ⁨{last}⁩، وهو يوم موجود في كل شهر.</translation>
    </message>
    <message>
        <source>the household no longer lives in the dwelling</source>
        <translation>لم تعد الأسرة تسكن في المسكن</translation>
    </message>
</context>
<context>
    <name>lists</name>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
</context>
<context>
    <name>members</name>
    <message>
        <source>Head of household</source>
        <translation>رب الأسرة</translation>
    </message>
    <message>
        <source>Spouse</source>
        <translation>الزوج أو الزوجة</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>الابن أو الابنة</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>الأب أو الأم</translation>
    </message>
    <message>
        <source>Brother or sister</source>
        <translation>الأخ أو الأخت</translation>
    </message>
    <message>
        <source>Grandchild</source>
        <translation>الحفيد أو الحفيدة</translation>
    </message>
    <message>
        <source>Other relative</source>
        <translation>قريب آخر</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>أنثى</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>ذكر</translation>
    </message>
    <message>
        <source>Write this name in Latin letters, as on the Turkish ID card; the Arabic spelling has its own field.</source>
        <translation>اكتب هذا الاسم بالحروف اللاتينية كما في بطاقة الهوية التركية؛ للكتابة العربية حقل خاص بها.</translation>
    </message>
    <message>
        <source>Write this name in Arabic letters; the Latin spelling has its own field.</source>
        <translation>اكتب هذا الاسم بالحروف العربية؛ للكتابة اللاتينية حقل خاص بها.</translation>
    </message>
    <message>
        <source>Enter the age in whole years, 0 to {most}, or the date of birth.</source>
        <translation>أدخل العمر بالسنوات الكاملة من 0 إلى {most}، أو تاريخ الميلاد.</translation>
    </message>
    <message>
        <source>name in Latin letters</source>
        <translation>الاسم بالحروف اللاتينية</translation>
    </message>
    <message>
        <source>name in Arabic letters</source>
        <translation>الاسم بالحروف العربية</translation>
    </message>
    <message>
        <source>Choose female or male.</source>
        <translation>اختر أنثى أو ذكر.</translation>
    </message>
    <message>
        <source>date of birth</source>
        <translation>تاريخ الميلاد</translation>
    </message>
    <message>
        <source>Choose the relation to the head of household.</source>
        <translation>اختر صلة القرابة برب الأسرة.</translation>
    </message>
    <message>
        <source>This ID number is already on another member of this household.</source>
        <translation>رقم الهوية هذا مسجل لفرد آخر من هذه الأسرة.</translation>
    </message>
    <message>
        <source>This member is no longer in the register; refresh the list.</source>
        <translation>هذا الفرد لم يعد في السجل؛ حدّث القائمة.</translation>
    </message>
</context>
<context>
    <name>money</name>
    <message>
        <source>Enter a number.</source>
        <translation>أدخل رقمًا.</translation>
    </message>
    <message>
        <source>&apos;{raw}&apos; is not a number; write it like 1.234,56 or 1234.56.</source>
        <translation>&apos;⁨{raw}⁩&apos; ليس رقمًا؛ اكتبه بالشكل 1.234,56 أو 1234.56.</translation>
    </message>
    <message numerus="yes">
        <source>&apos;{raw}&apos; has %n decimal places; at most {places} are allowed. A single &apos;.&apos; is read as a decimal point: for thousands write 1234 or 1.234,00.</source>
        <translation>
            <numerusform>يحتوي &apos;⁨{raw}⁩&apos; على ⁨%n⁩ منزلة عشرية؛ والمسموح ⁨{places}⁩ على الأكثر. تُقرأ النقطة &apos;.&apos; المفردة فاصلةً عشرية: للآلاف اكتب 1234 أو 1.234,00.</numerusform>
            <numerusform>يحتوي &apos;⁨{raw}⁩&apos; على منزلة عشرية واحدة؛ والمسموح ⁨{places}⁩ على الأكثر. تُقرأ النقطة &apos;.&apos; المفردة فاصلةً عشرية: للآلاف اكتب 1234 أو 1.234,00.</numerusform>
            <numerusform>يحتوي &apos;⁨{raw}⁩&apos; على منزلتين عشريتين؛ والمسموح ⁨{places}⁩ على الأكثر. تُقرأ النقطة &apos;.&apos; المفردة فاصلةً عشرية: للآلاف اكتب 1234 أو 1.234,00.</numerusform>
            <numerusform>يحتوي &apos;⁨{raw}⁩&apos; على ⁨%n⁩ منازل عشرية؛ والمسموح ⁨{places}⁩ على الأكثر. تُقرأ النقطة &apos;.&apos; المفردة فاصلةً عشرية: للآلاف اكتب 1234 أو 1.234,00.</numerusform>
            <numerusform>يحتوي &apos;⁨{raw}⁩&apos; على ⁨%n⁩ منزلةً عشرية؛ والمسموح ⁨{places}⁩ على الأكثر. تُقرأ النقطة &apos;.&apos; المفردة فاصلةً عشرية: للآلاف اكتب 1234 أو 1.234,00.</numerusform>
            <numerusform>يحتوي &apos;⁨{raw}⁩&apos; على ⁨%n⁩ منزلة عشرية؛ والمسموح ⁨{places}⁩ على الأكثر. تُقرأ النقطة &apos;.&apos; المفردة فاصلةً عشرية: للآلاف اكتب 1234 أو 1.234,00.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&apos;{raw}&apos; has %n decimal places; at most {places} are allowed.</source>
        <translation>
            <numerusform>يحتوي &apos;⁨{raw}⁩&apos; على ⁨%n⁩ منزلة عشرية؛ والمسموح ⁨{places}⁩ على الأكثر.</numerusform>
            <numerusform>يحتوي &apos;⁨{raw}⁩&apos; على منزلة عشرية واحدة؛ والمسموح ⁨{places}⁩ على الأكثر.</numerusform>
            <numerusform>يحتوي &apos;⁨{raw}⁩&apos; على منزلتين عشريتين؛ والمسموح ⁨{places}⁩ على الأكثر.</numerusform>
            <numerusform>يحتوي &apos;⁨{raw}⁩&apos; على ⁨%n⁩ منازل عشرية؛ والمسموح ⁨{places}⁩ على الأكثر.</numerusform>
            <numerusform>يحتوي &apos;⁨{raw}⁩&apos; على ⁨%n⁩ منزلةً عشرية؛ والمسموح ⁨{places}⁩ على الأكثر.</numerusform>
            <numerusform>يحتوي &apos;⁨{raw}⁩&apos; على ⁨%n⁩ منزلة عشرية؛ والمسموح ⁨{places}⁩ على الأكثر.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>monitoring</name>
    <message>
        <source>notes</source>
        <translation>الملاحظات</translation>
    </message>
    <message>
        <source>{number} is {status}; visits are recorded while an agreement is active.</source>
        <translation>حالة ⁨{number}⁩ هي ⁨{status}⁩؛ تُسجَّل الزيارات ما دامت الاتفاقية سارية.</translation>
    </message>
    <message>
        <source>visit date</source>
        <translation>تاريخ الزيارة</translation>
    </message>
    <message>
        <source>Found at the monitoring visit of {day}: {finding}.</source>
        <translation>ما وُجد في زيارة المتابعة بتاريخ ⁨{day}⁩: ⁨{finding}⁩.</translation>
    </message>
</context>
<context>
    <name>offices</name>
    <message>
        <source>Enter the programme&apos;s name.</source>
        <translation>أدخل اسم البرنامج.</translation>
    </message>
    <message numerus="yes">
        <source>The programme&apos;s name is too long: at most %n characters.</source>
        <translation>
            <numerusform>اسم البرنامج طويل جدًا: ⁨%n⁩ حرف على الأكثر.</numerusform>
            <numerusform>اسم البرنامج طويل جدًا: حرف واحد على الأكثر.</numerusform>
            <numerusform>اسم البرنامج طويل جدًا: حرفان على الأكثر.</numerusform>
            <numerusform>اسم البرنامج طويل جدًا: ⁨%n⁩ أحرف على الأكثر.</numerusform>
            <numerusform>اسم البرنامج طويل جدًا: ⁨%n⁩ حرفًا على الأكثر.</numerusform>
            <numerusform>اسم البرنامج طويل جدًا: ⁨%n⁩ حرف على الأكثر.</numerusform>
        </translation>
    </message>
    <message>
        <source>The code {code} is already used by the office “{name}”; choose another code.</source>
        <translation>الرمز ⁨{code}⁩ مستخدم بالفعل للمكتب «⁨{name}⁩»؛ اختر رمزًا آخر.</translation>
    </message>
    <message>
        <source>An office code is exactly 3 Latin letters A-Z, such as GAZ (it starts every reference the office issues: GAZ-D-000123).</source>
        <translation>رمز المكتب 3 أحرف لاتينية بالضبط من A إلى Z، مثل GAZ (يبدأ به كل مرجع يصدره المكتب: GAZ-D-000123).</translation>
    </message>
    <message>
        <source>{province} is not a province of Türkiye; enter one of the 81 provinces, such as Gaziantep or Şanlıurfa.</source>
        <translation>⁨{province}⁩ ليست ولاية في تركيا؛ أدخل إحدى الولايات الـ81، مثل Gaziantep أو Şanlıurfa.</translation>
    </message>
    <message>
        <source>Enter the office&apos;s name.</source>
        <translation>أدخل اسم المكتب.</translation>
    </message>
    <message numerus="yes">
        <source>The office&apos;s name is too long: at most %n characters.</source>
        <translation>
            <numerusform>اسم المكتب طويل جدًا: ⁨%n⁩ حرف على الأكثر.</numerusform>
            <numerusform>اسم المكتب طويل جدًا: حرف واحد على الأكثر.</numerusform>
            <numerusform>اسم المكتب طويل جدًا: حرفان على الأكثر.</numerusform>
            <numerusform>اسم المكتب طويل جدًا: ⁨%n⁩ أحرف على الأكثر.</numerusform>
            <numerusform>اسم المكتب طويل جدًا: ⁨%n⁩ حرفًا على الأكثر.</numerusform>
            <numerusform>اسم المكتب طويل جدًا: ⁨%n⁩ حرف على الأكثر.</numerusform>
        </translation>
    </message>
    <message>
        <source>No office {code} exists; the offices are: {codes}.</source>
        <translation>لا يوجد مكتب ⁨{code}⁩؛ المكاتب هي: ⁨{codes}⁩.</translation>
    </message>
    <message>
        <source>The office {code} is already closed.</source>
        <translation>المكتب ⁨{code}⁩ مغلق بالفعل.</translation>
    </message>
    <message>
        <source>The office {code} is open.</source>
        <translation>المكتب ⁨{code}⁩ مفتوح.</translation>
    </message>
    <message>
        <source>The budget cannot be negative; enter the amount in TL, or nothing to clear it.</source>
        <translation>لا يمكن أن تكون الميزانية سالبة؛ أدخل المبلغ بالليرة التركية، أو اتركه فارغاً لحذفها.</translation>
    </message>
</context>
<context>
    <name>payment_method</name>
    <message>
        <source>Bank transfer (IBAN)</source>
        <translation>تحويل مصرفي (IBAN)</translation>
    </message>
    <message>
        <source>Cash at PTT</source>
        <translation>نقدًا في PTT</translation>
    </message>
</context>
<context>
    <name>payments</name>
    <message>
        <source>Draft</source>
        <translation>مسودة</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>مُصدَّرة</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>مدفوعة</translation>
    </message>
    <message>
        <source>No approved timesheet of {period} waits for payment; approve timesheets first.</source>
        <translation>لا يوجد كشف دوام معتمد للفترة ⁨{period}⁩ بانتظار الدفع؛ اعتمد كشوف الدوام أولًا.</translation>
    </message>
    <message>
        <source>That payment batch does not exist any more.</source>
        <translation>دفعة المدفوعات هذه لم تعد موجودة.</translation>
    </message>
    <message>
        <source>Batch {ref} belongs to another office.</source>
        <translation>الدفعة ⁨{ref}⁩ تابعة لمكتب آخر.</translation>
    </message>
    <message>
        <source>Choose a payment batch.</source>
        <translation>اختر دفعة مدفوعات.</translation>
    </message>
    <message>
        <source>Batch {ref} was built for {built} but its days now come to {now}: a daily rate for {period} was changed afterwards. Restore the rate, or ask a supervisor to reopen the timesheets.</source>
        <translation>أُعدّت الدفعة ⁨{ref}⁩ بمبلغ ⁨{built}⁩ لكن أيامها تبلغ الآن ⁨{now}⁩: تغيّرت الأجرة اليومية للفترة ⁨{period}⁩ بعد ذلك. أعِد الأجرة كما كانت، أو اطلب من مشرف إعادة فتح كشوف الدوام.</translation>
    </message>
    <message>
        <source>Cannot write {path}: {error}</source>
        <translation>تتعذّر الكتابة في ⁦{path}⁩: ⁨{error}⁩</translation>
    </message>
    <message>
        <source>Export as xlsx or csv, not {fmt}.</source>
        <translation>صدّر بصيغة xlsx أو csv، لا ⁨{fmt}⁩.</translation>
    </message>
    <message>
        <source>Batch {ref} is {status}; only an exported batch can be marked paid.</source>
        <translation>حالة الدفعة ⁨{ref}⁩ هي ⁨{status}⁩؛ لا يمكن وضع علامة «مدفوعة» إلا على دفعة مُصدَّرة.</translation>
    </message>
    <message>
        <source>The payment date is in the future.</source>
        <translation>تاريخ الدفع في المستقبل.</translation>
    </message>
</context>
<context>
    <name>permissions</name>
    <message>
        <source>view cases</source>
        <translation>عرض الحالات</translation>
    </message>
    <message>
        <source>edit cases</source>
        <translation>تعديل الحالات</translation>
    </message>
    <message>
        <source>submit for approval</source>
        <translation>الإرسال للموافقة</translation>
    </message>
    <message>
        <source>approve</source>
        <translation>الاعتماد</translation>
    </message>
    <message>
        <source>reopen approved records</source>
        <translation>إعادة فتح السجلات المعتمدة</translation>
    </message>
    <message>
        <source>confirm an ID number registered on two people</source>
        <translation>تأكيد رقم هوية مسجَّل لشخصين</translation>
    </message>
    <message>
        <source>see ID numbers and IBANs</source>
        <translation>رؤية أرقام الهوية وأرقام IBAN</translation>
    </message>
    <message>
        <source>view the audit trail</source>
        <translation>عرض سجل التدقيق</translation>
    </message>
    <message>
        <source>manage users</source>
        <translation>إدارة المستخدمين</translation>
    </message>
    <message>
        <source>manage offices</source>
        <translation>إدارة المكاتب</translation>
    </message>
    <message>
        <source>change settings</source>
        <translation>تغيير الإعدادات</translation>
    </message>
    <message>
        <source>make backups</source>
        <translation>إنشاء نسخ احتياطية</translation>
    </message>
    <message>
        <source>restore backups</source>
        <translation>استعادة النسخ الاحتياطية</translation>
    </message>
    <message>
        <source>export a person&apos;s data</source>
        <translation>تصدير بيانات شخص</translation>
    </message>
    <message>
        <source>erase or pseudonymise a person</source>
        <translation>محو بيانات شخص أو إخفاء هويته</translation>
    </message>
</context>
<context>
    <name>phone</name>
    <message>
        <source>Enter the mobile number.</source>
        <translation>أدخل رقم الهاتف المحمول.</translation>
    </message>
    <message>
        <source>&apos;{raw}&apos; is not a phone number; type digits, e.g. 0532 123 45 67.</source>
        <translation>&apos;⁨{raw}⁩&apos; ليس رقم هاتف؛ اكتب أرقامًا، مثل 0532 123 45 67.</translation>
    </message>
    <message>
        <source>Only Turkish mobile numbers (+90 5xx) can be stored; &apos;{raw}&apos; is not one.</source>
        <translation>لا يمكن حفظ إلا أرقام الهواتف المحمولة التركية (‎+90 5xx)؛ و&apos;⁨{raw}⁩&apos; ليس منها.</translation>
    </message>
    <message>
        <source>&apos;{raw}&apos; is not a Turkish mobile number: after the leading 0 it has 10 digits starting with 5, e.g. 0532 123 45 67.</source>
        <translation>&apos;⁨{raw}⁩&apos; ليس رقم هاتف محمول تركيًا: بعد الصفر الأول يأتي 10 أرقام تبدأ بـ 5، مثل 0532 123 45 67.</translation>
    </message>
</context>
<context>
    <name>photos</name>
    <message>
        <source>cannot be read ({detail}).</source>
        <translation>تتعذّر قراءته (⁨{detail}⁩).</translation>
    </message>
    <message>
        <source>the file is empty; copy it from the camera again.</source>
        <translation>الملف فارغ؛ انسخه من الكاميرا مرة أخرى.</translation>
    </message>
    <message>
        <source>the file is {detail} MB, more than a photo can be; choose the photo itself.</source>
        <translation>حجم الملف ⁨{detail}⁩ ميغابايت، وهو أكبر مما يمكن أن تكونه صورة؛ اختر الصورة نفسها.</translation>
    </message>
    <message>
        <source>this is not a photo (its content is not JPEG, PNG or WebP), whatever its name says.</source>
        <translation>هذه ليست صورة (محتواها ليس JPEG أو PNG أو WebP)، أيًّا كان اسمها.</translation>
    </message>
    <message>
        <source>{detail} files are not accepted; save the photo as JPEG (on an iPhone: Settings &gt; Camera &gt; Formats &gt; Most Compatible).</source>
        <translation>ملفات ⁨{detail}⁩ غير مقبولة؛ احفظ الصورة بصيغة JPEG (في iPhone: الإعدادات &gt; الكاميرا &gt; التنسيقات &gt; الأكثر توافقًا).</translation>
    </message>
    <message>
        <source>the photo is damaged or incomplete ({detail}); copy it from the camera again.</source>
        <translation>الصورة تالفة أو ناقصة (⁨{detail}⁩)؛ انسخها من الكاميرا مرة أخرى.</translation>
    </message>
    <message>
        <source>the picture has {detail} megapixels, too many to open safely; save a smaller copy.</source>
        <translation>دقة الصورة ⁨{detail}⁩ ميغابكسل، وهي أكبر من أن تُفتح بأمان؛ احفظ نسخة أصغر.</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>تم الاستيراد</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>مكرَّرة</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>مرفوضة</translation>
    </message>
    <message>
        <source>not imported</source>
        <translation>لم تُستورد</translation>
    </message>
    <message>
        <source>the import was cancelled before this file.</source>
        <translation>أُلغي الاستيراد قبل هذا الملف.</translation>
    </message>
    <message>
        <source>The tag {tag} is unknown; use before, during or after.</source>
        <translation>الوسم ⁨{tag}⁩ غير معروف؛ استخدم before (قبل) أو during (أثناء) أو after (بعد).</translation>
    </message>
    <message>
        <source>already among this dwelling&apos;s photos (as {name}); not imported again.</source>
        <translation>موجودة بالفعل بين صور هذا المسكن (باسم ⁨{name}⁩)؛ لم تُستورد مرة أخرى.</translation>
    </message>
    <message>
        <source>could not be saved in {folder} ({reason}); nothing of it was kept.</source>
        <translation>تعذّر حفظها في ⁦{folder}⁩ (⁨{reason}⁩)؛ لم يُحفظ منها شيء.</translation>
    </message>
    <message>
        <source>not imported: the import stopped when a photo could not be saved ({reason}).</source>
        <translation>لم تُستورد: توقف الاستيراد عندما تعذّر حفظ صورة (⁨{reason}⁩).</translation>
    </message>
    <message>
        <source>its GPS position ({latitude}, {longitude}) is outside Türkiye; check the camera&apos;s location setting, or that this is the right photo.</source>
        <translation>موقعها حسب GPS ‏(⁨{latitude}⁩، ⁨{longitude}⁩) خارج تركيا؛ تحقّق من إعداد الموقع في الكاميرا، أو من أنها الصورة الصحيحة.</translation>
    </message>
    <message>
        <source>the same photo is also on dwelling {ref}; check it belongs to both.</source>
        <translation>الصورة نفسها موجودة أيضًا في المسكن ⁨{ref}⁩؛ تحقّق من أنها تخص الاثنين.</translation>
    </message>
    <message>
        <source>This photo no longer exists; it may have been removed. Reopen the dwelling&apos;s photos.</source>
        <translation>هذه الصورة لم تعد موجودة؛ ربما أُزيلت. أعد فتح صور المسكن.</translation>
    </message>
    <message numerus="yes">
        <source>The caption has %n characters; shorten it to {max}.</source>
        <translation>
            <numerusform>يتكوّن التعليق من لا أحرف؛ اختصره إلى ⁨{max}⁩.</numerusform>
            <numerusform>يتكوّن التعليق من حرف واحد؛ اختصره إلى ⁨{max}⁩.</numerusform>
            <numerusform>يتكوّن التعليق من حرفين؛ اختصره إلى ⁨{max}⁩.</numerusform>
            <numerusform>يتكوّن التعليق من ⁨%n⁩ أحرف؛ اختصره إلى ⁨{max}⁩.</numerusform>
            <numerusform>يتكوّن التعليق من ⁨%n⁩ حرفًا؛ اختصره إلى ⁨{max}⁩.</numerusform>
            <numerusform>يتكوّن التعليق من ⁨%n⁩ حرف؛ اختصره إلى ⁨{max}⁩.</numerusform>
        </translation>
    </message>
    <message>
        <source>{component} is not an assessment component; choose one from the list.</source>
        <translation>⁨{component}⁩ ليس من عناصر التقييم؛ اختر عنصرًا من القائمة.</translation>
    </message>
    <message>
        <source>That assessment is not one of this dwelling&apos;s; choose one from the list.</source>
        <translation>هذا التقييم ليس من تقييمات هذا المسكن؛ اختر واحدًا من القائمة.</translation>
    </message>
</context>
<context>
    <name>preferences</name>
    <message>
        <source>&apos;{code}&apos; is not an interface language; choose one of {choices}.</source>
        <translation>&apos;⁨{code}⁩&apos; ليست لغة واجهة؛ اختر إحدى اللغات: ⁨{choices}⁩.</translation>
    </message>
    <message>
        <source>This account has no preferences to keep.</source>
        <translation>لا توجد تفضيلات يمكن حفظها لهذا الحساب.</translation>
    </message>
</context>
<context>
    <name>privacy</name>
    <message>
        <source>household</source>
        <translation>أسرة</translation>
    </message>
    <message>
        <source>landlord</source>
        <translation>مؤجر</translation>
    </message>
    <message>
        <source>worker</source>
        <translation>عامل</translation>
    </message>
    <message>
        <source>The consent date {day} is in the future; enter the day the consent form was signed.</source>
        <translation>تاريخ الموافقة ⁨{day}⁩ في المستقبل؛ أدخل اليوم الذي وُقّع فيه نموذج الموافقة.</translation>
    </message>
    <message>
        <source>Cannot write {path}: {error}. Choose a folder you can write to.</source>
        <translation>تتعذّر الكتابة في ⁦{path}⁩: ⁨{error}⁩. اختر مجلدًا يمكنك الكتابة فيه.</translation>
    </message>
    <message>
        <source>the retention period ended</source>
        <translation>انتهت مدة الاحتفاظ</translation>
    </message>
    <message>
        <source>the person asked for erasure</source>
        <translation>طلب الشخص محو بياناته</translation>
    </message>
    <message>
        <source>consent was withdrawn</source>
        <translation>سُحبت الموافقة</translation>
    </message>
    <message>
        <source>the data is no longer needed</source>
        <translation>لم تعد البيانات لازمة</translation>
    </message>
    <message>
        <source>other (see the note)</source>
        <translation>أخرى (انظر الملاحظة)</translation>
    </message>
    <message>
        <source>Choose the reason for erasing this person&apos;s data: {choices}.</source>
        <translation>اختر سبب محو بيانات هذا الشخص: {choices}.</translation>
    </message>
    <message>
        <source>With the reason &quot;other&quot;, write a short note saying why (the person&apos;s name and numbers are left out of it).</source>
        <translation>مع السبب &quot;other&quot; اكتب ملاحظة قصيرة توضّح السبب (لا يُحفظ فيها اسم الشخص ولا أرقامه).</translation>
    </message>
    <message numerus="yes">
        <source>The note has %n characters; shorten it to {limit}.</source>
        <translation>
            <numerusform>الملاحظة فارغة؛ اختصرها إلى ⁨{limit}⁩.</numerusform>
            <numerusform>تتكوّن الملاحظة من حرف واحد؛ اختصرها إلى ⁨{limit}⁩.</numerusform>
            <numerusform>تتكوّن الملاحظة من حرفين؛ اختصرها إلى ⁨{limit}⁩.</numerusform>
            <numerusform>تتكوّن الملاحظة من ⁨%n⁩ أحرف؛ اختصرها إلى ⁨{limit}⁩.</numerusform>
            <numerusform>تتكوّن الملاحظة من ⁨%n⁩ حرفًا؛ اختصرها إلى ⁨{limit}⁩.</numerusform>
            <numerusform>تتكوّن الملاحظة من ⁨%n⁩ حرف؛ اختصرها إلى ⁨{limit}⁩.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{ref} has %n labour days not yet paid; pay them before erasing the data.</source>
        <translation>
            <numerusform>ليس لدى ⁨{ref}⁩ أيام عمل غير مدفوعة.</numerusform>
            <numerusform>لدى ⁨{ref}⁩ يوم عمل واحد لم يُدفع بعد؛ ادفعه قبل محو البيانات.</numerusform>
            <numerusform>لدى ⁨{ref}⁩ يوما عمل لم يُدفعا بعد؛ ادفعهما قبل محو البيانات.</numerusform>
            <numerusform>لدى ⁨{ref}⁩ ‏⁨%n⁩ أيام عمل لم تُدفع بعد؛ ادفعها قبل محو البيانات.</numerusform>
            <numerusform>لدى ⁨{ref}⁩ ‏⁨%n⁩ يومَ عمل لم تُدفع بعد؛ ادفعها قبل محو البيانات.</numerusform>
            <numerusform>لدى ⁨{ref}⁩ ‏⁨%n⁩ يوم عمل لم تُدفع بعد؛ ادفعها قبل محو البيانات.</numerusform>
        </translation>
    </message>
    <message>
        <source>{ref} is a party to agreement {number}, which is still open; end it before erasing the data.</source>
        <translation>⁨{ref}⁩ طرف في الاتفاقية ⁨{number}⁩ التي لا تزال مفتوحة؛ أنهِها قبل محو البيانات.</translation>
    </message>
    <message>
        <source>&apos;{kind}&apos; is not a kind of person; use household, landlord or worker.</source>
        <translation>&apos;⁨{kind}⁩&apos; ليس نوع شخص؛ استخدم household (أسرة) أو landlord (مؤجر) أو worker (عامل).</translation>
    </message>
    <message>
        <source>No {kind} {ref} exists; check the reference.</source>
        <translation>لا يوجد ⁨{kind}⁩ برقم ⁨{ref}⁩؛ تحقّق من الرقم المرجعي.</translation>
    </message>
    <message>
        <source>{ref} belongs to another office; ask that office or an administrator.</source>
        <translation>⁨{ref}⁩ تابع لمكتب آخر؛ راجع ذلك المكتب أو مدير النظام.</translation>
    </message>
</context>
<context>
    <name>protection_status</name>
    <message>
        <source>Temporary protection</source>
        <translation>الحماية المؤقتة</translation>
    </message>
    <message>
        <source>International protection</source>
        <translation>الحماية الدولية</translation>
    </message>
    <message>
        <source>Host community</source>
        <translation>المجتمع المضيف</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>أخرى</translation>
    </message>
</context>
<context>
    <name>reopen</name>
    <message>
        <source>BoQ</source>
        <translation>جدول الكميات</translation>
    </message>
    <message>
        <source>Timesheet</source>
        <translation>كشف الدوام</translation>
    </message>
    <message>
        <source>Your role may not ask to reopen an approved record.</source>
        <translation>لا يسمح دورك بطلب إعادة فتح سجل معتمد.</translation>
    </message>
    <message>
        <source>A reopen request is only asked, approved or returned.</source>
        <translation>طلب إعادة الفتح إمّا يُقدَّم أو يُعتمد أو يُعاد فقط.</translation>
    </message>
    <message>
        <source>Only a supervisor approves or returns a reopen request.</source>
        <translation>المشرف وحده يعتمد طلب إعادة الفتح أو يعيده.</translation>
    </message>
    <message>
        <source>This reopen request was already decided.</source>
        <translation>سبق البتّ في طلب إعادة الفتح هذا.</translation>
    </message>
    <message>
        <source>Say why the approved record must change; the supervisor decides on it.</source>
        <translation>اكتب لماذا يجب تغيير السجل المعتمد؛ والمشرف هو من يقرّر.</translation>
    </message>
    <message>
        <source>{ref} is {status}: only an approved record is locked, so there is nothing to reopen.</source>
        <translation>حالة {ref}: {status}. السجل المعتمد وحده مقفل، فلا شيء لإعادة فتحه.</translation>
    </message>
    <message>
        <source>A request to reopen {ref} already waits for the supervisor.</source>
        <translation>هناك طلب لإعادة فتح {ref} ينتظر المشرف بالفعل.</translation>
    </message>
    <message>
        <source>That reopen request does not exist any more.</source>
        <translation>طلب إعادة الفتح هذا لم يعد موجوداً.</translation>
    </message>
    <message>
        <source>Say why the request is returned, so the engineer knows.</source>
        <translation>اكتب سبب إعادة الطلب ليعرفه المهندس.</translation>
    </message>
    <message>
        <source>Ask to reopen {ref}</source>
        <translation>طلب إعادة فتح {ref}</translation>
    </message>
    <message>
        <source>What must change, and why? The supervisor sees this beside the record.</source>
        <translation>ما الذي يجب تغييره، ولماذا؟ يرى المشرف هذا بجانب السجل.</translation>
    </message>
    <message>
        <source>The request to reopen {ref} waits for the supervisor.</source>
        <translation>طلب إعادة فتح {ref} بانتظار المشرف.</translation>
    </message>
    <message>
        <source>Sending the request to reopen {ref}…</source>
        <translation>جارٍ إرسال طلب إعادة فتح {ref}…</translation>
    </message>
</context>
<context>
    <name>reports</name>
    <message>
        <source>Office {code}</source>
        <translation>المكتب {code}</translation>
    </message>
    <message>
        <source>All offices</source>
        <translation>جميع المكاتب</translation>
    </message>
    <message>
        <source>whole programme</source>
        <translation>البرنامج كاملاً</translation>
    </message>
    <message>
        <source>{office}, {period}; agreements as of {today}</source>
        <translation>{office}، {period}؛ الاتفاقيات كما في {today}</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>سارية</translation>
    </message>
    <message>
        <source>Visit overdue</source>
        <translation>زيارة متأخرة</translation>
    </message>
    <message>
        <source>Breached</source>
        <translation>مُخالَفة</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>المجموع</translation>
    </message>
    <message>
        <source>Cases per stage</source>
        <translation>الحالات حسب المرحلة</translation>
    </message>
    <message>
        <source>Cases registered by the end of the period, by the stage they are at today (the app keeps no history of stages).</source>
        <translation>الحالات المسجلة حتى نهاية الفترة، حسب المرحلة التي بلغتها اليوم (لا يحتفظ التطبيق بسجل المراحل).</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>المكتب</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>الميزانية</translation>
    </message>
    <message>
        <source>Cash-for-work paid</source>
        <translation>المدفوع من النقد مقابل العمل</translation>
    </message>
    <message>
        <source>Budget and spending per office (TL)</source>
        <translation>الميزانية والإنفاق لكل مكتب (ليرة تركية)</translation>
    </message>
    <message>
        <source>Budget and spending</source>
        <translation>الميزانية والإنفاق</translation>
    </message>
    <message>
        <source>BoQs by the day they were approved (each case&apos;s approved revision); cash-for-work payment batches marked paid, by their month. Payments to contractors or for materials are not recorded in the app, so they are not counted. An office without a budget: an administrator sets it on the Offices page.</source>
        <translation>جداول الكميات حسب يوم اعتمادها (المراجعة المعتمدة لكل حالة)؛ دفعات النقد مقابل العمل المؤشَّر عليها كمدفوعة حسب شهرها. المدفوعات للمقاولين أو ثمن المواد لا تُسجَّل في التطبيق، فلا تُحتسب. المكتب الذي لا ميزانية له يحدد المسؤول ميزانيته في صفحة المكاتب.</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>المتبقي</translation>
    </message>
    <message>
        <source>Days worked</source>
        <translation>أيام العمل</translation>
    </message>
    <message>
        <source>Pay at the daily rate (TL)</source>
        <translation>الأجر بالأجر اليومي (ليرة تركية)</translation>
    </message>
    <message>
        <source>Cash-for-work per month</source>
        <translation>النقد مقابل العمل حسب الشهر</translation>
    </message>
    <message>
        <source>Days logged in the period and their pay at the daily rate in force on each day.</source>
        <translation>الأيام المسجلة في الفترة وأجرها بالأجر اليومي الساري في كل يوم.</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>الشهر</translation>
    </message>
    <message>
        <source>Agreements on {day}</source>
        <translation>الاتفاقيات في {day}</translation>
    </message>
    <message>
        <source>Landlord agreements as they stand today.</source>
        <translation>اتفاقيات المؤجرين كما هي اليوم.</translation>
    </message>
    <message>
        <source>Landlord agreements on the last day of the period, read from their dates: one that has been active counts from its start to its end date, one ended early too.</source>
        <translation>اتفاقيات المؤجرين في آخر يوم من الفترة، مقروءة من تواريخها: الاتفاقية التي سرت تُحتسب من بدايتها حتى تاريخ انتهائها، ولو أُنهيت مبكرًا.</translation>
    </message>
    <message>
        <source>Households whose first landlord agreement was signed in the period (secure tenancy; the works follow), with the people in them.</source>
        <translation>الأسر التي وُقّعت أول اتفاقية لها مع المؤجر خلال الفترة (إيجار مضمون تليه الأعمال)، مع أفرادها.</translation>
    </message>
    <message>
        <source>People</source>
        <translation>الأفراد</translation>
    </message>
    <message numerus="yes">
        <source>Ending within %n days</source>
        <translation>
            <numerusform>تنتهي اليوم</numerusform>
            <numerusform>تنتهي خلال يوم واحد</numerusform>
            <numerusform>تنتهي خلال يومين</numerusform>
            <numerusform>تنتهي خلال ⁨%n⁩ أيام</numerusform>
            <numerusform>تنتهي خلال ⁨%n⁩ يومًا</numerusform>
            <numerusform>تنتهي خلال ⁨%n⁩ يوم</numerusform>
        </translation>
    </message>
    <message>
        <source>Approved BoQs (incl. VAT)</source>
        <translation>جداول الكميات المعتمدة (شاملةً ضريبة القيمة المضافة)</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>الأسر</translation>
    </message>
    <message>
        <source>People reached by sex and age</source>
        <translation>الأفراد المستفيدون حسب الجنس والعمر</translation>
    </message>
    <message>
        <source>Reached by nationality</source>
        <translation>المستفيدون حسب الجنسية</translation>
    </message>
    <message>
        <source>Reached with a disability in the household</source>
        <translation>المستفيدون ممن في أسرهم فرد ذو إعاقة</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>الفئة</translation>
    </message>
    <message>
        <source>Everyone reached</source>
        <translation>جميع المستفيدين</translation>
    </message>
    <message>
        <source>With a disability in the household</source>
        <translation>أسر فيها فرد ذو إعاقة</translation>
    </message>
    <message>
        <source>Households and people reached</source>
        <translation>الأسر والأفراد المستفيدون</translation>
    </message>
    <message>
        <source>Programme report</source>
        <translation>تقرير البرنامج</translation>
    </message>
    <message>
        <source>Made on {day}</source>
        <translation>أُعدّ في {day}</translation>
    </message>
    <message>
        <source>The report is saved as .xlsx or .pdf; &apos;{name}&apos; ends otherwise.</source>
        <translation>يُحفظ التقرير بصيغة ‎.xlsx أو ‎.pdf؛ و&apos;{name}&apos; ينتهي بامتداد آخر.</translation>
    </message>
    <message>
        <source>The period ends before it starts: choose a &apos;to&apos; date on or after the &apos;from&apos; date.</source>
        <translation>تنتهي الفترة قبل أن تبدأ: اختر تاريخ نهاية يساوي تاريخ البداية أو بعده.</translation>
    </message>
    <message>
        <source>You see the reports of your own office only; {code} is another office.</source>
        <translation>ترى تقارير مكتبك فقط؛ و{code} مكتب آخر.</translation>
    </message>
</context>
<context>
    <name>role</name>
    <message>
        <source>engineer</source>
        <translation>مهندس</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>مشرف</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>مدير النظام</translation>
    </message>
</context>
<context>
    <name>run_busy</name>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
</context>
<context>
    <name>stage</name>
    <message>
        <source>Registered</source>
        <translation>مسجَّل</translation>
    </message>
    <message>
        <source>Assessed</source>
        <translation>تم التقييم</translation>
    </message>
    <message>
        <source>BoQ drafted</source>
        <translation>أُعدّ جدول الكميات</translation>
    </message>
    <message>
        <source>BoQ approved</source>
        <translation>اعتُمد جدول الكميات</translation>
    </message>
    <message>
        <source>Agreement signed</source>
        <translation>وُقّعت الاتفاقية</translation>
    </message>
    <message>
        <source>Works in progress</source>
        <translation>الأعمال جارية</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>مكتمل</translation>
    </message>
    <message>
        <source>Monitored</source>
        <translation>قيد المتابعة</translation>
    </message>
</context>
<context>
    <name>sync</name>
    <message>
        <source>{url} is not a server address; write https://HOST or http://HOST:PORT.</source>
        <translation>⁦{url}⁩ ليس عنوان خادم؛ اكتب ⁦https://HOST⁩ أو ⁦http://HOST:PORT⁩.</translation>
    </message>
    <message>
        <source>This laptop is not enrolled with a server; enrol it first (shelter-app enrol URL CODE).</source>
        <translation>هذا الحاسوب غير مسجّل لدى خادم؛ سجّله أولًا (⁦shelter-app enrol URL CODE⁩).</translation>
    </message>
    <message>
        <source>The server failed on this request; nothing of it was applied. Try again later; if it persists, tell the administrator.</source>
        <translation>أخفق الخادم في معالجة هذا الطلب؛ لم يُطبَّق منه شيء. أعد المحاولة لاحقًا، وإن استمرت المشكلة فأبلغ مدير النظام.</translation>
    </message>
    <message>
        <source>The request has no enrolment code.</source>
        <translation>لا يتضمن الطلب رمز تسجيل.</translation>
    </message>
    <message>
        <source>cursor and limit must be whole numbers ≥ 0.</source>
        <translation>يجب أن تكون قيمة كلٍّ من cursor وlimit عددًا صحيحًا لا يقل عن 0.</translation>
    </message>
    <message>
        <source>A chunk needs its file&apos;s size and its offset.</source>
        <translation>يجب أن يذكر كل جزء حجم ملفه وموضعه فيه.</translation>
    </message>
    <message>
        <source>This change&apos;s id was already used by another laptop; it was not applied.</source>
        <translation>سبق أن استخدم حاسوب آخر معرّف هذا التعديل؛ لم يُطبَّق التعديل.</translation>
    </message>
    <message>
        <source>{table}, {field}: {reason}</source>
        <translation>⁨{table}⁩، ⁨{field}⁩: ⁨{reason}⁩</translation>
    </message>
    <message>
        <source>The server has no such {table} record; it may have been erased.</source>
        <translation>لا يوجد لدى الخادم سجل كهذا في ⁨{table}⁩؛ ربما يكون قد مُحي.</translation>
    </message>
    <message>
        <source>{table}: the new record lacks {fields}.</source>
        <translation>⁨{table}⁩: السجل الجديد يفتقر إلى ⁨{fields}⁩.</translation>
    </message>
    <message>
        <source>Changed on another machine too: {fields}; a supervisor decides.</source>
        <translation>عُدّل على جهاز آخر أيضًا: ⁨{fields}⁩؛ ويبتّ المشرف في الأمر.</translation>
    </message>
    <message>
        <source>synced from {device}</source>
        <translation>تمت المزامنة من ⁨{device}⁩</translation>
    </message>
    <message>
        <source>The server&apos;s database refused this change ({reason}); a reference may already be in use on another laptop.</source>
        <translation>رفضت قاعدة بيانات الخادم هذا التعديل (⁦{reason}⁩)؛ ربما يكون رقم مرجعي مستخدمًا بالفعل على حاسوب آخر.</translation>
    </message>
    <message>
        <source>The server sent a row of an unknown table {table}; update the app.</source>
        <translation>أرسل الخادم صفًا من جدول غير معروف ⁨{table}⁩؛ حدّث التطبيق.</translation>
    </message>
    <message>
        <source>The server sent a {table} row that cannot be stored ({reason}); nothing of the page was applied.</source>
        <translation>أرسل الخادم صفًا من ⁨{table}⁩ يتعذّر حفظه (⁦{reason}⁩)؛ لم يُطبَّق شيء من هذه الصفحة.</translation>
    </message>
    <message>
        <source>The server cannot be reached ({reason}); your work stays on this laptop and goes at the next sync.</source>
        <translation>تعذّر الوصول إلى الخادم (⁨{reason}⁩)؛ يبقى عملك على هذا الحاسوب ويُرسَل في المزامنة التالية.</translation>
    </message>
    <message>
        <source>no answer in time</source>
        <translation>لم يصل ردّ في الوقت المحدد</translation>
    </message>
    <message>
        <source>no connection: check the address and the network</source>
        <translation>لا اتصال: تحقّق من العنوان والشبكة</translation>
    </message>
    <message>
        <source>The server answered {status}; try again later.</source>
        <translation>أجاب الخادم بـ ⁨{status}⁩؛ أعد المحاولة لاحقًا.</translation>
    </message>
    <message>
        <source>This laptop is already enrolled as {name}.</source>
        <translation>هذا الحاسوب مسجّل بالفعل باسم ⁨{name}⁩.</translation>
    </message>
    <message>
        <source>This database already holds a programme of its own. Enrol a new, empty database (start the app with --db NEW_FILE), or make this database the server&apos;s.</source>
        <translation>تحتوي قاعدة البيانات هذه بالفعل على برنامج خاص بها. سجّل قاعدة بيانات جديدة وفارغة (شغّل التطبيق مع ⁦--db NEW_FILE⁩)، أو اجعل قاعدة البيانات هذه قاعدة بيانات الخادم.</translation>
    </message>
    <message>
        <source>{reason} This laptop&apos;s copy of the programme&apos;s data has been erased.</source>
        <translation>{reason} مُحيت نسخة بيانات البرنامج على هذا الحاسوب المحمول.</translation>
    </message>
    <message>
        <source>The server&apos;s answer does not match the ops sent; nothing was marked as sent.</source>
        <translation>لا يتطابق رد الخادم مع العمليات المُرسَلة؛ لم يُعلَّم أي شيء على أنه مُرسَل.</translation>
    </message>
    <message>
        <source>The server&apos;s page of changes cannot be read; nothing of it was applied.</source>
        <translation>تتعذّر قراءة صفحة التعديلات التي أرسلها الخادم؛ لم يُطبَّق منها شيء.</translation>
    </message>
    <message>
        <source>conflict resolved</source>
        <translation>تم حل التعارض</translation>
    </message>
    <message>
        <source>This conflict no longer exists.</source>
        <translation>لم يعد هذا التعارض موجودًا.</translation>
    </message>
    <message>
        <source>This conflict was already resolved.</source>
        <translation>تم حل هذا التعارض من قبل.</translation>
    </message>
    <message>
        <source>This conflict belongs to another office.</source>
        <translation>هذا التعارض يخص مكتبًا آخر.</translation>
    </message>
    <message>
        <source>The record of this conflict is no longer on this laptop.</source>
        <translation>لم يعد سجل هذا التعارض موجودًا على هذا الحاسوب.</translation>
    </message>
    <message>
        <source>{field}: {reason}</source>
        <translation>⁨{field}⁩: ⁨{reason}⁩</translation>
    </message>
    <message>
        <source>Give the laptop a name of 1 to 80 characters.</source>
        <translation>أعطِ الحاسوب اسمًا يتكوّن من 1 إلى 80 حرفًا.</translation>
    </message>
    <message>
        <source>There is no office {code}.</source>
        <translation>لا يوجد مكتب ⁨{code}⁩.</translation>
    </message>
    <message numerus="yes">
        <source>Every device mark is in use (%n laptops); no laptop can be added.</source>
        <translation>
            <numerusform>جميع علامات الأجهزة مستخدمة (لا حواسيب)؛ لا يمكن إضافة حاسوب جديد.</numerusform>
            <numerusform>جميع علامات الأجهزة مستخدمة (حاسوب واحد)؛ لا يمكن إضافة حاسوب جديد.</numerusform>
            <numerusform>جميع علامات الأجهزة مستخدمة (حاسوبان)؛ لا يمكن إضافة حاسوب جديد.</numerusform>
            <numerusform>جميع علامات الأجهزة مستخدمة (⁨%n⁩ حواسيب)؛ لا يمكن إضافة حاسوب جديد.</numerusform>
            <numerusform>جميع علامات الأجهزة مستخدمة (⁨%n⁩ حاسوبًا)؛ لا يمكن إضافة حاسوب جديد.</numerusform>
            <numerusform>جميع علامات الأجهزة مستخدمة (⁨%n⁩ حاسوب)؛ لا يمكن إضافة حاسوب جديد.</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no device {name}.</source>
        <translation>لا يوجد جهاز ⁨{name}⁩.</translation>
    </message>
    <message>
        <source>This enrolment code is unknown or was already used; ask the administrator for a new one.</source>
        <translation>رمز التسجيل هذا غير معروف أو سبق استخدامه؛ اطلب رمزًا جديدًا من مدير النظام.</translation>
    </message>
    <message>
        <source>This enrolment code has expired; ask the administrator for a new one.</source>
        <translation>انتهت صلاحية رمز التسجيل هذا؛ اطلب رمزًا جديدًا من مدير النظام.</translation>
    </message>
    <message>
        <source>An administrator revoked {name}; add a new device for this laptop.</source>
        <translation>ألغى مدير الجهاز ⁨{name}⁩؛ أضف جهازاً جديداً لهذا الحاسوب.</translation>
    </message>
    <message>
        <source>{name} is enrolled already; add a new device for another laptop (shelter-app device add).</source>
        <translation>⁨{name}⁩ مسجّل بالفعل؛ أضف جهازاً جديداً لحاسوب آخر (shelter-app device add).</translation>
    </message>
    <message>
        <source>This laptop is not enrolled with the server; enrol it with an administrator&apos;s code.</source>
        <translation>هذا الحاسوب غير مسجّل لدى الخادم؛ سجّله برمز يعطيك إياه مدير النظام.</translation>
    </message>
    <message>
        <source>The server does not know this laptop; enrol it again with a new code from an administrator.</source>
        <translation>لا يعرف الخادم هذا الحاسوب؛ سجّله من جديد برمز جديد من مدير النظام.</translation>
    </message>
    <message>
        <source>An administrator revoked this laptop on {day}; it may no longer sync. Ask for a new enrolment code.</source>
        <translation>أبطل مدير النظام هذا الحاسوب في ⁨{day}⁩؛ ولم يعد بإمكانه المزامنة. اطلب رمز تسجيل جديدًا.</translation>
    </message>
    <message numerus="yes">
        <source>The request is %n bytes, over the limit of {limit}; send smaller batches.</source>
        <translation>
            <numerusform>حجم الطلب لا بايتات، وهو يتجاوز الحد ⁨{limit}⁩؛ أرسل دفعات أصغر.</numerusform>
            <numerusform>حجم الطلب بايت واحد، وهو يتجاوز الحد ⁨{limit}⁩؛ أرسل دفعات أصغر.</numerusform>
            <numerusform>حجم الطلب بايتين، وهو يتجاوز الحد ⁨{limit}⁩؛ أرسل دفعات أصغر.</numerusform>
            <numerusform>حجم الطلب ⁨%n⁩ بايتات، وهو يتجاوز الحد ⁨{limit}⁩؛ أرسل دفعات أصغر.</numerusform>
            <numerusform>حجم الطلب ⁨%n⁩ بايتًا، وهو يتجاوز الحد ⁨{limit}⁩؛ أرسل دفعات أصغر.</numerusform>
            <numerusform>حجم الطلب ⁨%n⁩ بايت، وهو يتجاوز الحد ⁨{limit}⁩؛ أرسل دفعات أصغر.</numerusform>
        </translation>
    </message>
    <message>
        <source>The request is not valid JSON ({reason}).</source>
        <translation>الطلب ليس JSON صالحًا (⁦{reason}⁩).</translation>
    </message>
    <message>
        <source>The request must be a JSON object.</source>
        <translation>يجب أن يكون الطلب كائن JSON.</translation>
    </message>
    <message>
        <source>The request does not say its schema revision.</source>
        <translation>لا يذكر الطلب إصدار مخطط قاعدة البيانات.</translation>
    </message>
    <message>
        <source>This laptop runs schema {theirs}, newer than the server&apos;s {ours}: the server must be updated first. Nothing was applied.</source>
        <translation>يعمل هذا الحاسوب بالمخطط ⁨{theirs}⁩، وهو أحدث من مخطط الخادم ⁨{ours}⁩: يجب تحديث الخادم أولًا. لم يُطبَّق أي شيء.</translation>
    </message>
    <message>
        <source>This laptop runs schema {theirs}, the server {ours}: update the app on this laptop, then sync again. Nothing was applied.</source>
        <translation>يعمل هذا الحاسوب بالمخطط ⁨{theirs}⁩ والخادم بالمخطط ⁨{ours}⁩: حدّث التطبيق على هذا الحاسوب ثم زامن من جديد. لم يُطبَّق أي شيء.</translation>
    </message>
    <message>
        <source>The request has no list of ops.</source>
        <translation>لا يتضمن الطلب قائمة عمليات.</translation>
    </message>
    <message numerus="yes">
        <source>%n ops in one request; at most {limit} are accepted.</source>
        <translation>
            <numerusform>في الطلب الواحد لا عمليات؛ والحد الأقصى المقبول ⁨{limit}⁩.</numerusform>
            <numerusform>في الطلب الواحد عملية واحدة؛ والحد الأقصى المقبول ⁨{limit}⁩.</numerusform>
            <numerusform>في الطلب الواحد عمليتان؛ والحد الأقصى المقبول ⁨{limit}⁩.</numerusform>
            <numerusform>في الطلب الواحد ⁨%n⁩ عمليات؛ والحد الأقصى المقبول ⁨{limit}⁩.</numerusform>
            <numerusform>في الطلب الواحد ⁨%n⁩ عمليةً؛ والحد الأقصى المقبول ⁨{limit}⁩.</numerusform>
            <numerusform>في الطلب الواحد ⁨%n⁩ عملية؛ والحد الأقصى المقبول ⁨{limit}⁩.</numerusform>
        </translation>
    </message>
    <message>
        <source>Op {index}: its op_id appears twice in the request.</source>
        <translation>العملية ⁨{index}⁩: يرد معرّفها op_id مرتين في الطلب.</translation>
    </message>
    <message>
        <source>Op {index}: {fault}</source>
        <translation>العملية ⁨{index}⁩: ⁨{fault}⁩</translation>
    </message>
    <message>
        <source>not an object.</source>
        <translation>ليست كائنًا.</translation>
    </message>
    <message>
        <source>unknown table {table}.</source>
        <translation>جدول غير معروف ⁨{table}⁩.</translation>
    </message>
    <message>
        <source>unknown action {action}.</source>
        <translation>إجراء غير معروف ⁨{action}⁩.</translation>
    </message>
    <message>
        <source>fields must be an object.</source>
        <translation>يجب أن يكون fields كائنًا.</translation>
    </message>
    <message>
        <source>unknown field {field} of {table}.</source>
        <translation>حقل غير معروف ⁨{field}⁩ في ⁨{table}⁩.</translation>
    </message>
    <message>
        <source>base_version must be a whole number ≥ 0.</source>
        <translation>يجب أن يكون base_version عددًا صحيحًا لا يقل عن 0.</translation>
    </message>
    <message>
        <source>hlc must be a clock stamp such as 1764061200000-00000-A.</source>
        <translation>يجب أن يكون hlc طابعًا زمنيًا مثل ⁦1764061200000-00000-A⁩.</translation>
    </message>
    <message>
        <source>op_id, row_id, user_id and created_at must be UUIDs and a UTC time.</source>
        <translation>يجب أن تكون op_id وrow_id وuser_id معرّفات UUID، وأن يكون created_at وقتًا بتوقيت UTC.</translation>
    </message>
    <message>
        <source>The change names no user; sign in and save it again.</source>
        <translation>لا يذكر التعديل أي مستخدم؛ سجّل الدخول واحفظه من جديد.</translation>
    </message>
    <message>
        <source>The server does not know the user who made this change.</source>
        <translation>لا يعرف الخادم المستخدم الذي أجرى هذا التعديل.</translation>
    </message>
    <message>
        <source>The user who made this change is deactivated.</source>
        <translation>المستخدم الذي أجرى هذا التعديل معطَّل.</translation>
    </message>
    <message>
        <source>Only a supervisor resolves conflicts.</source>
        <translation>لا يحل التعارضات إلا المشرف.</translation>
    </message>
    <message>
        <source>Your role ({role}) may not edit cases.</source>
        <translation>لا يحق لدورك (⁨{role}⁩) تعديل الحالات.</translation>
    </message>
    <message>
        <source>{field}: {value} is not a valid IBAN.</source>
        <translation>⁨{field}⁩: ⁦{value}⁩ ليس رقم IBAN صالحًا.</translation>
    </message>
    <message>
        <source>Timesheet {ref} keeps the site and period it was made for; make a new timesheet for other days.</source>
        <translation>يبقى كشف الدوام ⁨{ref}⁩ للموقع والفترة اللذين أُنشئ لهما؛ أنشئ كشف دوام جديدًا لأيام أخرى.</translation>
    </message>
    <message>
        <source>This record belongs to another office than this laptop&apos;s; it was not applied.</source>
        <translation>ينتمي هذا السجل إلى مكتب غير مكتب هذا الحاسوب؛ لم يُطبَّق التعديل.</translation>
    </message>
    <message>
        <source>This record belongs to another office than the user&apos;s; it was not applied.</source>
        <translation>ينتمي هذا السجل إلى مكتب غير مكتب المستخدم؛ لم يُطبَّق التعديل.</translation>
    </message>
    <message>
        <source>The office {code} ({name}) was closed on {day} and takes no new cases; it was not applied.</source>
        <translation>أُغلق المكتب {code} ({name}) في {day} ولا يقبل حالات جديدة؛ لم يُطبَّق التغيير.</translation>
    </message>
    <message>
        <source>A laptop may only resolve a conflict, in the name of the supervisor who resolves it; the server records conflicts.</source>
        <translation>لا يجوز للحاسوب إلا حلّ التعارض باسم المشرف الذي يحلّه؛ الخادم هو من يسجّل التعارضات.</translation>
    </message>
    <message>
        <source>Only an administrator may change {table} records, so this change of {record} was not applied; if it is needed, ask an administrator to make it.</source>
        <translation>لا يحق تعديل سجلات «⁨{table}⁩» إلا لمدير النظام، لذلك لم يُطبَّق هذا التعديل على ⁨{record}⁩؛ وإن كان لازمًا فاطلب من مدير النظام إجراءه.</translation>
    </message>
    <message>
        <source>Payment batch {ref} cannot change so: a batch is built as a draft, exported, then paid, and only a draft&apos;s total changes.</source>
        <translation>لا يمكن تغيير دفعة المدفوعات ⁨{ref}⁩ على هذا النحو: تُنشأ الدفعة مسودةً، ثم تُصدَّر، ثم تُدفع، ولا يتغير إلا مجموع المسودة.</translation>
    </message>
    <message>
        <source>Payment batch {ref} of {month} was not taken: the server already has a batch {ref}, built on {day} for {total}. This laptop&apos;s batch has been removed; each of its timesheets is now in the server&apos;s batch or free again. After this sync, build {month}&apos;s batch again for those still waiting; if this batch&apos;s payment list was sent to finance, withdraw it.</source>
        <translation>لم تُقبل دفعة المدفوعات ⁨{ref}⁩ عن ⁨{month}⁩: لدى الخادم بالفعل دفعة ⁨{ref}⁩ أُعدّت في ⁨{day}⁩ بمبلغ ⁨{total}⁩. أُزيلت دفعة هذا الحاسوب، وأصبح كل كشف دوام فيها إما ضمن دفعة الخادم وإما بانتظار دفعة جديدة. بعد هذه المزامنة، أعِدّ دفعة ⁨{month}⁩ من جديد لكشوف الدوام التي ما زالت تنتظر؛ وإن كانت قائمة مدفوعات هذه الدفعة قد أُرسلت إلى المالية فاسحبها.</translation>
    </message>
    <message>
        <source>Timesheet {ref} is deleted; it cannot go into a payment batch.</source>
        <translation>كشف الدوام ⁨{ref}⁩ محذوف؛ لا يمكن إدراجه في دفعة مدفوعات.</translation>
    </message>
    <message>
        <source>Timesheet {ref} is not approved; only an approved timesheet goes into a payment batch.</source>
        <translation>كشف الدوام ⁨{ref}⁩ غير معتمد؛ لا يُدرج في دفعة المدفوعات إلا كشف دوام معتمد.</translation>
    </message>
    <message>
        <source>Timesheet {ref} is already in payment batch {batch}; a timesheet is paid once.</source>
        <translation>كشف الدوام ⁨{ref}⁩ مدرج بالفعل في دفعة المدفوعات ⁨{batch}⁩؛ يُدفع كشف الدوام مرة واحدة فقط.</translation>
    </message>
    <message>
        <source>Timesheet {ref} was not put into a payment batch: the server has no such batch (it refused it); the timesheet waits for its month&apos;s next batch.</source>
        <translation>لم يُدرج كشف الدوام ⁨{ref}⁩ في دفعة مدفوعات: ليس لدى الخادم هذه الدفعة (فقد رفضها)؛ وينتظر كشف الدوام الدفعة التالية لشهره.</translation>
    </message>
    <message>
        <source>Only a supervisor approves or returns.</source>
        <translation>الاعتماد والإعادة من صلاحية المشرف وحده.</translation>
    </message>
    <message>
        <source>Only a submitted record can be approved or returned; this one is {status}.</source>
        <translation>لا يمكن اعتماد سجل أو إعادته إلا بعد إرساله؛ وحالة هذا السجل ⁨{status}⁩.</translation>
    </message>
    <message>
        <source>Your role may not submit for approval.</source>
        <translation>لا يحق لدورك الإرسال للموافقة.</translation>
    </message>
    <message>
        <source>Only a supervisor reopens an approved record.</source>
        <translation>لا يعيد فتح سجل معتمد إلا المشرف.</translation>
    </message>
    <message>
        <source>This record is approved and locked; a supervisor must reopen it first.</source>
        <translation>هذا السجل معتمَد ومقفل؛ يجب أن يعيد المشرف فتحه أولًا.</translation>
    </message>
    <message>
        <source>This database holds a change log but is not marked as a server.</source>
        <translation>تحتوي قاعدة البيانات هذه على سجل تغييرات لكنها ليست مُعلَّمة على أنها خادم.</translation>
    </message>
    <message>
        <source>Unknown kind of file {kind}.</source>
        <translation>نوع ملف غير معروف {kind}.</translation>
    </message>
    <message>
        <source>A file is named by its SHA-256 in 64 hexadecimal digits, not {name}.</source>
        <translation>يُسمّى الملف ببصمة SHA-256 من 64 رقمًا ست عشريًا، لا بـ {name}.</translation>
    </message>
    <message>
        <source>files must be a list of at most {limit} [kind, sha256] pairs.</source>
        <translation>يجب أن تكون files قائمة من {limit} زوجًا [النوع، sha256] على الأكثر.</translation>
    </message>
    <message>
        <source>A photo or scan is named by the hash of its bytes.</source>
        <translation>تُسمّى الصورة أو المسح ببصمة محتواها.</translation>
    </message>
    <message numerus="yes">
        <source>A chunk must lie within a file of 1 byte to %n bytes.</source>
        <translation>
            <numerusform>يجب أن يقع الجزء داخل ملف حجمه بين بايت واحد ولا بايتات.</numerusform>
            <numerusform>يجب أن يقع الجزء داخل ملف حجمه بين بايت واحد وبايت واحد.</numerusform>
            <numerusform>يجب أن يقع الجزء داخل ملف حجمه بين بايت واحد وبايتين.</numerusform>
            <numerusform>يجب أن يقع الجزء داخل ملف حجمه بين بايت واحد و⁨%n⁩ بايتات.</numerusform>
            <numerusform>يجب أن يقع الجزء داخل ملف حجمه بين بايت واحد و⁨%n⁩ بايتًا.</numerusform>
            <numerusform>يجب أن يقع الجزء داخل ملف حجمه بين بايت واحد و⁨%n⁩ بايت.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server holds %n bytes of this file; send from there.</source>
        <translation>
            <numerusform>لدى الخادم لا بايتات من هذا الملف؛ أرسل ابتداءً من هناك.</numerusform>
            <numerusform>لدى الخادم بايت واحد من هذا الملف؛ أرسل ابتداءً من هناك.</numerusform>
            <numerusform>لدى الخادم بايتين من هذا الملف؛ أرسل ابتداءً من هناك.</numerusform>
            <numerusform>لدى الخادم ⁨%n⁩ بايتات من هذا الملف؛ أرسل ابتداءً من هناك.</numerusform>
            <numerusform>لدى الخادم ⁨%n⁩ بايتًا من هذا الملف؛ أرسل ابتداءً من هناك.</numerusform>
            <numerusform>لدى الخادم ⁨%n⁩ بايت من هذا الملف؛ أرسل ابتداءً من هناك.</numerusform>
        </translation>
    </message>
    <message>
        <source>The file received does not have the hash it was sent with; it was thrown away. Send it again.</source>
        <translation>الملف المستلم لا يطابق البصمة التي أُرسل بها؛ فحُذف. أرسله مرة أخرى.</translation>
    </message>
    <message>
        <source>The server does not hold this file (yet).</source>
        <translation>هذا الملف ليس على الخادم (بعد).</translation>
    </message>
    <message>
        <source>This file is not a Barınak sync package, or it is cut short; nothing was applied.</source>
        <translation>هذا الملف ليس حزمة مزامنة من Barınak، أو أنه مبتور؛ لم يُطبَّق شيء.</translation>
    </message>
    <message>
        <source>{file} cannot be read ({reason}).</source>
        <translation>تعذّرت قراءة {file} ({reason}).</translation>
    </message>
    <message>
        <source>This is the enrolment package of {device}: import it on that new laptop at its first start, with its code; nothing was applied.</source>
        <translation>هذه حزمة تسجيل ⁨{device}⁩: استوردها على ذلك الحاسوب الجديد عند أول تشغيل له، مع رمزها؛ لم يُطبَّق شيء.</translation>
    </message>
    <message>
        <source>This enrolment package of {device} is damaged or cut short, or the code does not open it (a code of another package?); nothing was applied.</source>
        <translation>حزمة تسجيل ⁨{device}⁩ هذه تالفة أو مبتورة، أو أن الرمز لا يفتحها (رمز حزمة أخرى؟)؛ لم يُطبَّق شيء.</translation>
    </message>
    <message>
        <source>This receipt is damaged, cut short or was not made for {device}; nothing was applied.</source>
        <translation>هذا الإيصال تالف أو مبتور أو لم يُصنع لـ {device}؛ لم يُطبَّق شيء.</translation>
    </message>
    <message>
        <source>This package is damaged, cut short or was not made by {device}; nothing was applied.</source>
        <translation>هذه الحزمة تالفة أو مبتورة أو لم يصنعها {device}؛ لم يُطبَّق شيء.</translation>
    </message>
    <message>
        <source>This is a package of {device}, not a receipt: import it where the server can be reached.</source>
        <translation>هذه حزمة من {device} وليست إيصالًا: استوردها حيث يمكن الوصول إلى الخادم.</translation>
    </message>
    <message>
        <source>This receipt is for {device}, not this laptop; nothing was applied.</source>
        <translation>هذا الإيصال لـ {device} وليس لهذا الحاسوب؛ لم يُطبَّق شيء.</translation>
    </message>
    <message>
        <source>The receipt of package {number} was already imported (or a newer one); nothing was applied again.</source>
        <translation>سبق استيراد إيصال الحزمة رقم {number} (أو إيصال أحدث)؛ لم يُطبَّق شيء مرة أخرى.</translation>
    </message>
    <message>
        <source>This database is neither the sync server nor a laptop enrolled with it: import the package where the server can be reached.</source>
        <translation>قاعدة البيانات هذه ليست خادم المزامنة ولا حاسوبًا مسجّلًا لديه: استورد الحزمة حيث يمكن الوصول إلى الخادم.</translation>
    </message>
    <message>
        <source>This is a receipt for {device}: import it on that laptop.</source>
        <translation>هذا إيصال لـ {device}: استورده على ذلك الحاسوب.</translation>
    </message>
    <message>
        <source>Packages are imported on the server&apos;s database, or on a laptop connected to it.</source>
        <translation>تُستورد الحزم على قاعدة بيانات الخادم، أو على حاسوب متصل به.</translation>
    </message>
    <message>
        <source>This package comes from {device}, a laptop this server does not know; nothing was applied.</source>
        <translation>تأتي هذه الحزمة من {device}، وهو حاسوب لا يعرفه هذا الخادم؛ لم يُطبَّق شيء.</translation>
    </message>
    <message>
        <source>An administrator revoked {device}; its package was not applied.</source>
        <translation>ألغى أحد المسؤولين تسجيل {device}؛ لم تُطبَّق حزمته.</translation>
    </message>
    <message>
        <source>Package {number} of {device} was already imported on {day}; nothing was applied again.</source>
        <translation>سبق استيراد الحزمة رقم {number} من {device} في {day}؛ لم يُطبَّق شيء مرة أخرى.</translation>
    </message>
    <message>
        <source>The server&apos;s answer about files cannot be read; nothing was marked as sent.</source>
        <translation>تعذّرت قراءة رد الخادم بشأن الملفات؛ لم يُعلَّم أي شيء على أنه أُرسل.</translation>
    </message>
    <message>
        <source>The full photo is on the server; this laptop syncs by USB packages, so it comes with the next receipt.</source>
        <translation>الصورة الكاملة على الخادم؛ وبما أن هذا الحاسوب يزامن بحزم USB، فستأتي مع الإيصال التالي.</translation>
    </message>
    <message>
        <source>The server does not have this photo yet: the laptop that took it has not sent it. It comes with a later sync.</source>
        <translation>لا توجد هذه الصورة على الخادم بعد: لم يرسلها الحاسوب الذي التقطها. ستأتي مع مزامنة لاحقة.</translation>
    </message>
    <message>
        <source>The full photo is on the server, which cannot be reached now ({reason}); it comes with the next sync.</source>
        <translation>الصورة الكاملة على الخادم، ولا يمكن الوصول إليه الآن (⁨{reason}⁩)؛ ستأتي مع المزامنة التالية.</translation>
    </message>
    <message>
        <source>A file from the server does not have its hash; it was not kept. Sync again.</source>
        <translation>ملف من الخادم لا يطابق بصمته؛ لم يُحفَظ. زامن مرة أخرى.</translation>
    </message>
    <message numerus="yes">
        <source>The package code has %n letters and digits (groups of 4 such as 1A2B-…); check it and type it again.</source>
        <translation>
            <numerusform>يتكوّن رمز الحزمة من ⁨%n⁩ خانة من الحروف والأرقام (مجموعات من 4 مثل 1A2B-…)؛ تحقّق منه واكتبه من جديد.</numerusform>
            <numerusform>يتكوّن رمز الحزمة من خانة واحدة من الحروف والأرقام (مجموعات من 4 مثل 1A2B-…)؛ تحقّق منه واكتبه من جديد.</numerusform>
            <numerusform>يتكوّن رمز الحزمة من خانتين من الحروف والأرقام (مجموعات من 4 مثل 1A2B-…)؛ تحقّق منه واكتبه من جديد.</numerusform>
            <numerusform>يتكوّن رمز الحزمة من ⁨%n⁩ خانات من الحروف والأرقام (مجموعات من 4 مثل 1A2B-…)؛ تحقّق منه واكتبه من جديد.</numerusform>
            <numerusform>يتكوّن رمز الحزمة من ⁨%n⁩ خانةً من الحروف والأرقام (مجموعات من 4 مثل 1A2B-…)؛ تحقّق منه واكتبه من جديد.</numerusform>
            <numerusform>يتكوّن رمز الحزمة من ⁨%n⁩ خانة من الحروف والأرقام (مجموعات من 4 مثل 1A2B-…)؛ تحقّق منه واكتبه من جديد.</numerusform>
        </translation>
    </message>
    <message>
        <source>Enrolment packages are written on the sync server&apos;s database.</source>
        <translation>تُكتب حزم التسجيل على قاعدة بيانات خادم المزامنة.</translation>
    </message>
    <message>
        <source>This is not an enrolment package but a sync package or receipt of {device}; nothing was applied.</source>
        <translation>هذه ليست حزمة تسجيل بل حزمة مزامنة أو إيصال لـ ⁨{device}⁩؛ لم يُطبَّق شيء.</translation>
    </message>
    <message>
        <source>This enrolment package was written by another version of Barınak (schema {theirs}, this app {ours}); use the same version on both sides. Nothing was applied.</source>
        <translation>كُتبت حزمة التسجيل هذه بإصدار آخر من Barınak (المخطط ⁨{theirs}⁩، وهذا التطبيق ⁨{ours}⁩)؛ استخدم الإصدار نفسه على الجانبين. لم يُطبَّق شيء.</translation>
    </message>
    <message>
        <source>a value is required</source>
        <translation>القيمة مطلوبة</translation>
    </message>
    <message>
        <source>{value} cannot be read</source>
        <translation>تتعذّر قراءة ⁨{value}⁩</translation>
    </message>
    <message>
        <source>this column cannot be written</source>
        <translation>لا يمكن الكتابة في هذا العمود</translation>
    </message>
    <message>
        <source>a time with its zone (UTC) is expected</source>
        <translation>المتوقع وقت مع منطقته الزمنية (UTC)</translation>
    </message>
    <message>
        <source>true or false is expected</source>
        <translation>المتوقع صحيح أو خطأ</translation>
    </message>
    <message>
        <source>a whole number is expected</source>
        <translation>المتوقع عدد صحيح</translation>
    </message>
    <message>
        <source>{value} is too large a number</source>
        <translation>⁨{value}⁩ عدد كبير جدًا</translation>
    </message>
    <message>
        <source>a finite number is expected</source>
        <translation>المتوقع عدد منتهٍ</translation>
    </message>
    <message>
        <source>one of {choices} is expected</source>
        <translation>المتوقع أحد هذه: ⁨{choices}⁩</translation>
    </message>
    <message numerus="yes">
        <source>at most %n characters are allowed</source>
        <translation>
            <numerusform>المسموح لا أحرف على الأكثر</numerusform>
            <numerusform>المسموح حرف واحد على الأكثر</numerusform>
            <numerusform>المسموح حرفين على الأكثر</numerusform>
            <numerusform>المسموح ⁨%n⁩ أحرف على الأكثر</numerusform>
            <numerusform>المسموح ⁨%n⁩ حرفًا على الأكثر</numerusform>
            <numerusform>المسموح ⁨%n⁩ حرف على الأكثر</numerusform>
        </translation>
    </message>
    <message>
        <source>a NUL character is not allowed</source>
        <translation>محرف NUL غير مسموح</translation>
    </message>
    <message>
        <source>text is expected</source>
        <translation>المتوقع نص</translation>
    </message>
    <message>
        <source>(no longer on this laptop)</source>
        <translation>(لم يعد على هذا الحاسوب)</translation>
    </message>
    <message>
        <source>on {day}</source>
        <translation>بتاريخ ⁨{day}⁩</translation>
    </message>
    <message>
        <source>at {site} on {day}</source>
        <translation>في ⁨{site}⁩ بتاريخ ⁨{day}⁩</translation>
    </message>
    <message>
        <source>“{tag}” at {site}</source>
        <translation>«{tag}» في ⁨{site}⁩</translation>
    </message>
    <message>
        <source>“{tag}”</source>
        <translation>«{tag}»</translation>
    </message>
    <message>
        <source>at {site}, BoQ line {line}</source>
        <translation>في ⁨{site}⁩، سطر جدول الكميات ⁨{line}⁩</translation>
    </message>
    <message>
        <source>for {kind} {ref}</source>
        <translation>({kind} ⁨{ref}⁩)</translation>
    </message>
    <message>
        <source>no. {place} of {ref}</source>
        <translation>(⁨{ref}⁩، رقم ⁨{place}⁩)</translation>
    </message>
    <message>
        <source>of {ref}</source>
        <translation>(⁨{ref}⁩)</translation>
    </message>
</context>
<context>
    <name>takeoff</name>
    <message>
        <source>Window</source>
        <translation>نافذة</translation>
    </message>
    <message>
        <source>Door</source>
        <translation>باب</translation>
    </message>
    <message>
        <source>Room {n}</source>
        <translation>الغرفة ⁨{n}⁩</translation>
    </message>
    <message>
        <source>Two rooms are called &apos;{name}&apos;; give each room its own name.</source>
        <translation>هناك غرفتان باسم &apos;⁨{name}⁩&apos;؛ أعطِ كل غرفة اسمًا خاصًا بها.</translation>
    </message>
    <message>
        <source>The opening is in room &apos;{room}&apos;, which is not in the rooms table; choose one of its rooms.</source>
        <translation>الفتحة في الغرفة &apos;⁨{room}⁩&apos; غير الموجودة في جدول الغرف؛ اختر إحدى غرفه.</translation>
    </message>
    <message>
        <source>The number of such openings is a whole number from 1 to {most}.</source>
        <translation>عدد هذه الفتحات عدد صحيح من 1 إلى ⁨{most}⁩.</translation>
    </message>
    <message>
        <source>&apos;{room}&apos; has openings in exterior walls: enter the length of its exterior walls, or mark the openings as interior.</source>
        <translation>في &apos;⁨{room}⁩&apos; فتحات في الجدران الخارجية: أدخل طول جدرانها الخارجية، أو علِّم الفتحات على أنها داخلية.</translation>
    </message>
    <message>
        <source>The openings of &apos;{room}&apos; are larger than its walls; check their sizes and counts.</source>
        <translation>فتحات &apos;⁨{room}⁩&apos; أكبر من جدرانها؛ تحقّق من مقاساتها وأعدادها.</translation>
    </message>
    <message>
        <source>{value} m is not a plausible measure here; enter metres from {low} to {most}, e.g. 3,45.</source>
        <translation>⁨{value}⁩ m ليس قياسًا معقولًا هنا؛ أدخل أمتارًا من ⁨{low}⁩ إلى ⁨{most}⁩، مثل 3,45.</translation>
    </message>
    <message>
        <source>{value} m is not a plausible measure here; enter metres above 0 and at most {most}, e.g. 3,45.</source>
        <translation>⁨{value}⁩ m ليس قياسًا معقولًا هنا؛ أدخل أمتارًا أكبر من 0 وبحد أقصى ⁨{most}⁩، مثل 3,45.</translation>
    </message>
</context>
<context>
    <name>timesheets</name>
    <message>
        <source>That timesheet does not exist any more.</source>
        <translation>كشف الدوام هذا لم يعد موجودًا.</translation>
    </message>
    <message>
        <source>Cannot write {path}: {error}</source>
        <translation>تتعذّر الكتابة في ⁦{path}⁩: ⁨{error}⁩</translation>
    </message>
    <message>
        <source>No timesheet {ref} exists; give a reference such as GAZ-D-000123-T01.</source>
        <translation>لا يوجد كشف دوام ⁨{ref}⁩؛ أدخل رقمًا مرجعيًا مثل GAZ-D-000123-T01.</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>تنتهي الفترة قبل أن تبدأ.</translation>
    </message>
    <message>
        <source>A timesheet covers days of one month, so that it is paid in one batch; end it on {day}.</source>
        <translation>يغطي كشف الدوام أيام شهر واحد، ليُدفع في دفعة واحدة؛ أنهِه في ⁨{day}⁩.</translation>
    </message>
    <message>
        <source>Timesheet {ref} already covers days of this period.</source>
        <translation>كشف الدوام ⁨{ref}⁩ يغطي بالفعل أيامًا من هذه الفترة.</translation>
    </message>
    <message>
        <source>{ref} is {status}; only a draft or returned timesheet can be submitted.</source>
        <translation>حالة ⁨{ref}⁩ هي ⁨{status}⁩؛ لا يمكن إرسال إلا كشف دوام مسودة أو مُعاد.</translation>
    </message>
    <message>
        <source>{ref} has no days logged; log the labour before submitting.</source>
        <translation>لا توجد أيام مسجَّلة في ⁨{ref}⁩؛ سجّل العمل قبل الإرسال.</translation>
    </message>
    <message>
        <source>No days are logged on {site} in the week of {day}; log the labour first.</source>
        <translation>لا توجد أيام مسجَّلة في ⁨{site}⁩ في أسبوع ⁨{day}⁩؛ سجّل العمل أولًا.</translation>
    </message>
    <message>
        <source>{ref} is {status}, not submitted; only a submitted timesheet can be approved or returned.</source>
        <translation>حالة ⁨{ref}⁩ هي ⁨{status}⁩ وليست مُرسَلة؛ لا يمكن اعتماد كشف الدوام أو إعادته إلا بعد إرساله.</translation>
    </message>
    <message>
        <source>You submitted {ref} yourself; another supervisor approves it.</source>
        <translation>أرسلت ⁨{ref}⁩ بنفسك؛ يعتمده مشرف آخر.</translation>
    </message>
    <message>
        <source>Say why the timesheet is returned, so the engineer knows what to correct.</source>
        <translation>اذكر سبب إعادة كشف الدوام، ليعرف المهندس ما يجب تصحيحه.</translation>
    </message>
    <message>
        <source>Say why the approved timesheet is reopened; the reason goes into the audit trail.</source>
        <translation>اذكر سبب إعادة فتح كشف الدوام المعتمد؛ يُسجَّل السبب في سجل التدقيق.</translation>
    </message>
    <message>
        <source>{ref} is {status}; only an approved timesheet is reopened.</source>
        <translation>حالة ⁨{ref}⁩ هي ⁨{status}⁩؛ لا يُعاد فتح إلا كشف دوام معتمد.</translation>
    </message>
    <message>
        <source>{ref} was paid in batch {batch}, which went to finance; correct the pay in a later timesheet instead.</source>
        <translation>دُفع ⁨{ref}⁩ ضمن الدفعة ⁨{batch}⁩ التي أُرسلت إلى المالية؛ صحّح الأجر في كشف دوام لاحق بدلًا من ذلك.</translation>
    </message>
</context>
<context>
    <name>users</name>
    <message>
        <source>No user {name} exists; check the user name.</source>
        <translation>لا يوجد مستخدم ⁨{name}⁩؛ تحقق من اسم المستخدم.</translation>
    </message>
    <message>
        <source>{name} is the last active administrator: make another user an administrator first, or nobody could manage the programme.</source>
        <translation>⁨{name}⁩ هو آخر مدير نظام نشط: اجعل مستخدمًا آخر مديرًا للنظام أولًا، وإلا فلن يتمكن أحد من إدارة البرنامج.</translation>
    </message>
    <message>
        <source>To change your own password, use Change password: it asks for your current one.</source>
        <translation>لتغيير كلمة مرورك، استخدم «تغيير كلمة المرور»: فهو يطلب كلمة مرورك الحالية.</translation>
    </message>
    <message>
        <source>You cannot deactivate your own account; another administrator can.</source>
        <translation>لا يمكنك تعطيل حسابك بنفسك؛ يمكن لمدير نظام آخر فعل ذلك.</translation>
    </message>
    <message>
        <source>{name} is already deactivated.</source>
        <translation>⁨{name}⁩ معطّل بالفعل.</translation>
    </message>
    <message>
        <source>{name} is active.</source>
        <translation>⁨{name}⁩ نشط.</translation>
    </message>
    <message numerus="yes">
        <source>The full name is too long: at most %n characters.</source>
        <translation>
            <numerusform>الاسم الكامل طويل جدًا: ⁨%n⁩ حرف على الأكثر.</numerusform>
            <numerusform>الاسم الكامل طويل جدًا: حرف واحد على الأكثر.</numerusform>
            <numerusform>الاسم الكامل طويل جدًا: حرفان على الأكثر.</numerusform>
            <numerusform>الاسم الكامل طويل جدًا: ⁨%n⁩ أحرف على الأكثر.</numerusform>
            <numerusform>الاسم الكامل طويل جدًا: ⁨%n⁩ حرفًا على الأكثر.</numerusform>
            <numerusform>الاسم الكامل طويل جدًا: ⁨%n⁩ حرف على الأكثر.</numerusform>
        </translation>
    </message>
    <message>
        <source>You cannot change your own role; another administrator can.</source>
        <translation>لا يمكنك تغيير دورك بنفسك؛ يمكن لمدير نظام آخر فعل ذلك.</translation>
    </message>
</context>
<context>
    <name>view</name>
    <message>
        <source>Click a bar to list its cases.</source>
        <translation>انقر على عمود لعرض حالاته.</translation>
    </message>
</context>
<context>
    <name>workers</name>
    <message numerus="yes">
        <source>List at most %n skills.</source>
        <translation>
            <numerusform>اذكر لا مهارات على الأكثر.</numerusform>
            <numerusform>اذكر مهارة واحدة على الأكثر.</numerusform>
            <numerusform>اذكر مهارتين على الأكثر.</numerusform>
            <numerusform>اذكر ⁨%n⁩ مهارات على الأكثر.</numerusform>
            <numerusform>اذكر ⁨%n⁩ مهارةً على الأكثر.</numerusform>
            <numerusform>اذكر ⁨%n⁩ مهارة على الأكثر.</numerusform>
        </translation>
    </message>
    <message>
        <source>skill</source>
        <translation>المهارة</translation>
    </message>
    <message>
        <source>full name</source>
        <translation>الاسم الكامل</translation>
    </message>
    <message>
        <source>date of birth</source>
        <translation>تاريخ الميلاد</translation>
    </message>
    <message>
        <source>{name} is {age}; cash-for-work workers must be at least {min_age}. Register them from their birthday on.</source>
        <translation>عمر ⁨{name}⁩ هو ⁨{age}⁩؛ يجب ألا يقل عمر عمال النقد مقابل العمل عن ⁨{min_age}⁩. سجّله ابتداءً من يوم ميلاده.</translation>
    </message>
    <message>
        <source>Choose payment by IBAN or at PTT.</source>
        <translation>اختر الدفع عبر IBAN أو في PTT.</translation>
    </message>
    <message>
        <source>work permit number</source>
        <translation>رقم إذن العمل</translation>
    </message>
    <message>
        <source>Enter the expiry date of work permit {number}.</source>
        <translation>أدخل تاريخ انتهاء إذن العمل ⁨{number}⁩.</translation>
    </message>
    <message>
        <source>People under temporary protection need a work permit for paid work; without one every logged day needs a reason.</source>
        <translation>يحتاج الأشخاص الخاضعون للحماية المؤقتة إلى إذن عمل للعمل المأجور؛ ودونه يحتاج كل يوم مسجَّل إلى سبب.</translation>
    </message>
    <message>
        <source>This work permit expired on {day}; days after it need a reason.</source>
        <translation>انتهى إذن العمل هذا في ⁨{day}⁩؛ تحتاج الأيام التالية له إلى سبب.</translation>
    </message>
    <message>
        <source>ID number {id} is already registered as worker {ref}; open that record instead of registering the person twice.</source>
        <translation>رقم الهوية ⁨{id}⁩ مسجَّل بالفعل للعامل ⁨{ref}⁩؛ افتح ذلك السجل بدلًا من تسجيل الشخص مرتين.</translation>
    </message>
    <message>
        <source>This ID number is also registered as {refs}; only a supervisor may confirm that this is the same person and both records are right.</source>
        <translation>رقم الهوية هذا مسجَّل أيضًا باسم ⁨{refs}⁩؛ لا يؤكد أنه الشخص نفسه وأن السجلين صحيحان إلا مشرف.</translation>
    </message>
    <message>
        <source>Pick a member of household {ref}.</source>
        <translation>اختر فردًا من الأسرة {ref}.</translation>
    </message>
    <message>
        <source>{name} has no ID number in the members register; record it there first.</source>
        <translation>لا يوجد رقم هوية لـ {name} في سجل أفراد الأسرة؛ سجّله هناك أولًا.</translation>
    </message>
    <message>
        <source>Household {household} already has worker {refs}; cash-for-work takes one worker per household at a time. Save only if that worker has stopped.</source>
        <translation>للأسرة {household} عامل مسجل بالفعل ({refs})؛ يعمل في برنامج النقد مقابل العمل عامل واحد من كل أسرة في الوقت نفسه. احفظ فقط إذا توقف ذلك العامل عن العمل.</translation>
    </message>
    <message>
        <source>This IBAN is already used by {refs}; each worker is paid into their own account. Save only if that is right.</source>
        <translation>رقم IBAN هذا مستخدَم بالفعل من قِبل ⁨{refs}⁩؛ يُدفع لكل عامل في حسابه الخاص. لا تحفظ إلا إذا كان ذلك صحيحًا.</translation>
    </message>
    <message>
        <source>No worker {ref} exists; check the reference.</source>
        <translation>لا يوجد عامل ⁨{ref}⁩؛ تحقّق من الرقم المرجعي.</translation>
    </message>
</context>
<context>
    <name>works_check</name>
    <message>
        <source>done</source>
        <translation>أُنجز</translation>
    </message>
    <message>
        <source>partly done</source>
        <translation>أُنجز جزئياً</translation>
    </message>
    <message>
        <source>not done</source>
        <translation>لم يُنجز</translation>
    </message>
    <message>
        <source>Line {n} of the BoQ ({item}): choose done, partly done or not done.</source>
        <translation>البند {n} من جدول الكميات ({item}): اختر أُنجز أو أُنجز جزئياً أو لم يُنجز.</translation>
    </message>
    <message>
        <source>Line {n} of the BoQ ({item}) is {outcome}: write in its note what is missing.</source>
        <translation>البند {n} من جدول الكميات ({item}) حالته «{outcome}»: اكتب في ملاحظته ما الناقص.</translation>
    </message>
</context>
</TS>
