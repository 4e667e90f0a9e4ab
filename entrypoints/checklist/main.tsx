import { mountExtensionPage } from '@/components/mount-extension-page';
import { ChecklistApp } from '@/components/checklist/ChecklistApp';
import '@/components/extension-page.css';
import '@/components/checklist/checklist.css';

mountExtensionPage(<ChecklistApp />);
