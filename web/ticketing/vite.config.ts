import { remoteConfig } from '../kit/src/federation';
import { defineConfig } from 'vite';

// The storefront micro-frontend: a show's seat map and checkout, the buyer's tickets, and the
// seller's pages of a show (setup, bookers, sales).
export default defineConfig(remoteConfig('ticketing', {
  './ShowPage': './src/show/ShowPage.tsx',
  './TicketsPage': './src/tickets/TicketsPage.tsx',
  './SellerShowPage': './src/seller/SellerShowPage.tsx',
}));
