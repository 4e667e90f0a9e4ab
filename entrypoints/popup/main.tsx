import { mountExtensionPage } from '@/components/mount-extension-page';
import { PopupApp } from '@/components/PopupApp';
import '@/components/extension-page.css';

mountExtensionPage(<PopupApp />);
